import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The web app is built into web/dist and served by the Doorstep server itself:
// no CDN, no web fonts, no third-party requests from the browser.
export default defineConfig({
  root: "web",
  plugins: [react()],
  // WEB_DIST lets a second checkout of the tests build beside a running one.
  build: { outDir: process.env.WEB_DIST ?? "dist", emptyOutDir: true, sourcemap: false },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
