"use client";
// Calls the trivial Server Action from a page, so the build registers it as the browser would use it.
import { useState } from "react";
import { pingAction } from "./actions";

export function PingButton() {
  const [answer, setAnswer] = useState("");
  return (
    <p>
      <button type="button" onClick={async () => setAnswer(JSON.stringify(await pingAction({ n: 1 })))}>
        Ping
      </button>{" "}
      <output>{answer}</output>
    </p>
  );
}
