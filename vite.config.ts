import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The web app is built into web/dist and served by the Doorstep server itself:
// no CDN, no web fonts, no third-party requests from the browser.
export default defineConfig({
  root: "web",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
