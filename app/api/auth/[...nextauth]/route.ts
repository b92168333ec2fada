// Auth.js's endpoints: sign-in, the emailed link's callback, OAuth callbacks, sign-out, session.
import { handlers } from "@/lib/auth/auth";

export const { GET, POST } = handlers;
