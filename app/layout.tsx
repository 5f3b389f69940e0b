import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import { NextIntlClientProvider } from "next-intl";
import { headers } from "next/headers";
import { getLocale, getMessages, getNow, getTimeZone } from "next-intl/server";
import "./globals.css";

// Self-hosted (docs/stack.md §6: next/font/google cannot download here).
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
});

export const metadata: Metadata = {
  title: { default: "Dialboard", template: "%s · Dialboard" },
  description: "Outbound calling tasks across providers",
  // public/: favicon.ico for browsers that ask for it by name, the SVG for the rest, PNGs for home screens.
  icons: {
    icon: [{ url: "/favicon.ico", sizes: "48x48" }, { url: "/icon.svg", type: "image/svg+xml" }],
    apple: "/apple-touch-icon.png",
  },
  manifest: "/site.webmanifest",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: its scripts carry that request's CSP nonce (proxy.ts). Reading the
  // request's headers here keeps any page from being prerendered without one.
  await headers();
  const locale = await getLocale();
  const messages = await getMessages();
  const [timeZone, now] = await Promise.all([getTimeZone(), getNow()]);
  return (
    <html lang={locale} className={inter.variable}>
      <body className="min-h-screen font-sans">
        <NextIntlClientProvider locale={locale} messages={messages} timeZone={timeZone} now={now}>
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
