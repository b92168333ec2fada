// Child processes for the launcher and the tests: start one and wait for a line, stop it politely.
import { type ChildProcess, spawn, type SpawnOptions } from "node:child_process";

/** Starts `command` and resolves with the first match of `readyPattern` on its stdout. */
export function spawnAndWaitFor(
  command: string,
  args: string[],
  readyPattern: RegExp,
  options: SpawnOptions & { timeoutMs?: number; echo?: boolean } = {},
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let output = "";
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`${args.join(" ")} did not start in time:\n${output}`)), options.timeoutMs ?? 30_000);
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      if (options.echo) process.stdout.write(text);
      if (settled) return;
      output += text;
      const match = readyPattern.exec(output);
      if (match) {
        settled = true;
        clearTimeout(timer);
        resolve({ child, match });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => {
      if (options.echo) process.stderr.write(chunk);
      if (!settled) output += chunk.toString("utf8");
    });
    child.once("exit", (code, signal) => fail(new Error(`${args.join(" ")} exited (${code ?? signal}):\n${output}`)));
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Runs a command to completion with inherited output; rejects on a non-zero exit. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(0) : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}
