import { spawn } from "node:child_process";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../../../scripts/lib/embedded-postgres";

const NAME = "stale-recovery-test";

/** Starts the embedded server in a child process and kills that process without letting it clean up. */
async function leaveStaleServerBehind(): Promise<number> {
  const script = `
    import { startEmbeddedPostgres } from "./scripts/lib/embedded-postgres.ts";
    const server = await startEmbeddedPostgres({ name: "${NAME}", fast: true });
    console.log("PORT " + server.port);
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      const match = /PORT (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`child exited ${code}`)));
  });
  child.removeAllListeners("exit");
  child.kill("SIGKILL");
  await new Promise((resolve) => child.once("exit", resolve));
  return port;
}

describe("startEmbeddedPostgres", () => {
  it("recovers a server left running by a killed run and serves queries", async () => {
    const stalePort = await leaveStaleServerBehind();
    const server = await startEmbeddedPostgres({ name: NAME, fast: true });
    try {
      const sql = postgres(`${server.serverUrl}/postgres`, { max: 1 });
      const [row] = await sql`select 1 + 1 as two`;
      await sql.end();
      expect(row!.two).toBe(2);
      // The stale server was stopped, not left listening beside the new one.
      const stale = postgres(`postgres://postgres:postgres@127.0.0.1:${stalePort}/postgres`, { max: 1, connect_timeout: 2 });
      await expect(stale`select 1`).rejects.toThrow();
      await stale.end().catch(() => {});
    } finally {
      await server.stop();
    }
  }, 60_000);

  it("halts and resumes on the same port with the same data (a database restart)", async () => {
    const server = await startEmbeddedPostgres({ name: "restart-test", fast: true, ephemeral: true });
    const sql = postgres(`${server.serverUrl}/postgres`, { max: 1, onnotice: () => {} });
    try {
      await sql`create table kept (note text)`;
      await sql`insert into kept values ('before the restart')`;
      await server.halt();
      await expect(sql`select 1`).rejects.toThrow();
      await server.resume();
      // The same pool, untouched: postgres.js connects again by itself.
      expect(await sql`select note from kept`).toEqual([{ note: "before the restart" }]);
    } finally {
      await sql.end({ timeout: 5 });
      await server.stop();
    }
  }, 60_000);
});
