/**
 * Alert sounds made in the browser with the Web Audio API: no audio files, no
 * requests. Browsers only let a page make sound after the user has done
 * something, so the board asks first ("Turn on alert sound").
 */
type Ctx = AudioContext;
let ctx: Ctx | null = null;

export function soundSupported(): boolean {
  return typeof window !== "undefined" && ("AudioContext" in window || "webkitAudioContext" in window);
}

/** Call from a click: creates (or resumes) the audio context. */
export async function unlockSound(): Promise<boolean> {
  if (!soundSupported()) return false;
  if (!ctx) {
    const C = (window.AudioContext ?? (window as unknown as { webkitAudioContext: typeof AudioContext }).webkitAudioContext) as typeof AudioContext;
    ctx = new C();
  }
  if (ctx.state === "suspended") await ctx.resume();
  return ctx.state === "running";
}

/** `count` beeps of `hz`: three high ones for an alarm, one lower one for an overdue check-in. */
export function beep(count = 1, hz = 880) {
  if (!ctx || ctx.state !== "running") return;
  const t0 = ctx.currentTime;
  for (let i = 0; i < count; i++) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "square";
    osc.frequency.value = hz;
    const start = t0 + i * 0.35;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.25);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + 0.27);
  }
}
