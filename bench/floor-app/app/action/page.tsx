import { PingButton } from "./ping-button";

export default function ActionPage() {
  return (
    <main>
      <PingButton />
    </main>
  );
}
