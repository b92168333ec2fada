"use client";
import { ping } from "./actions";

export function PingButton() {
  return (
    <button type="button" onClick={() => void ping({ n: 1 })}>
      Ping
    </button>
  );
}
