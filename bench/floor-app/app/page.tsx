import { Counter } from "./counter";

export default function Home() {
  return (
    <main>
      <h1>Floor</h1>
      <Counter />
    </main>
  );
}
