import { zodResolver } from "@hookform/resolvers/zod"; console.log(zodResolver);
