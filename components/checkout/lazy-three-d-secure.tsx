// 3-D Secure in its own chunk, fetched only when the server asks for it (and only in the browser: the form
// renders it once hydrated). If the chunk cannot load, the attempt is given up like a device-data timeout
// (the generic message).
import { lazy, type ReactNode, useEffect, useRef } from "react";
import type { ThreeDSecureProps } from "./three-d-secure";

export const LazyThreeDSecure = lazy(
  (): Promise<{ default: (props: ThreeDSecureProps) => ReactNode }> =>
    import("./three-d-secure").catch(() => ({ default: ThreeDSecureUnavailable })),
);

function ThreeDSecureUnavailable({ onDeviceDataTimeout }: ThreeDSecureProps) {
  const reported = useRef(false);
  useEffect(() => {
    if (reported.current) return;
    reported.current = true;
    onDeviceDataTimeout();
  });
  return null;
}
