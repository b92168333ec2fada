// What Cheqpay is told of the shopper's device (3-D Secure and risk checks): what the server knows (IP address,
// user agent, Accept header) and what the checkout page read from the browser.
import type { DeviceInformation } from "@/lib/cheqpay";
import type { BrowserInfo } from "./checkout-form-schema";

export function deviceInformation(device: DeviceInformation, browser: BrowserInfo): DeviceInformation {
  return {
    ...device,
    language: browser.language || undefined,
    javaEnabled: browser.javaEnabled,
    javaScriptEnabled: browser.javaScriptEnabled,
    colorDepth: browser.colorDepth,
    screenHeight: browser.screenHeight,
    screenWidth: browser.screenWidth,
    timeZoneOffsetMinutes: browser.timeZoneOffset,
  };
}
