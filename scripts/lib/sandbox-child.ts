// The Cheqpay sandbox as a child process (what `npm run sandbox` runs), ready when it prints its READY line.
import type { ChildProcess } from "node:child_process";
import { spawnAndWaitFor, stopChild } from "./child-process";

export type SandboxChild = { url: string; baseUrl: string; child: ChildProcess; stop(): Promise<void> };

export async function startSandboxChild(
  env: Record<string, string | undefined>,
  options: { cwd?: string; echo?: boolean } = {},
): Promise<SandboxChild> {
  const { child, match } = await spawnAndWaitFor(
    process.execPath,
    ["--import", "tsx", "sandbox/src/main.ts"],
    /CHEQPAY_SANDBOX_READY (\{.*\})/,
    { cwd: options.cwd ?? process.cwd(), env: { ...process.env, ...env }, echo: options.echo, timeoutMs: 20_000 },
  );
  const ready = JSON.parse(match[1]!) as { url: string; baseUrl: string };
  return { ...ready, child, stop: () => stopChild(child) };
}
