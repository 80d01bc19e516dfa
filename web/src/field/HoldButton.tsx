import { useEffect, useId, useRef, useState } from "react";

/**
 * A button that acts only when held: pointer (finger or mouse) or keyboard
 * (Space or Enter held down). A bar fills while it is held; letting go early
 * does nothing. Progress and the outcome are announced to screen readers.
 */
export function HoldButton(props: { holdMs?: number; onConfirm: () => void; children: React.ReactNode; className?: string; what: string; disabled?: boolean }) {
  const holdMs = props.holdMs ?? 2000;
  const seconds = holdMs / 1000;
  const [progress, setProgress] = useState(0);
  const [message, setMessage] = useState("");
  const started = useRef<number | null>(null);
  const ticker = useRef<ReturnType<typeof setInterval> | null>(null);
  const confirmTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onConfirm = useRef(props.onConfirm);
  onConfirm.current = props.onConfirm;
  const hintId = useId();

  const clear = () => {
    if (ticker.current) clearInterval(ticker.current);
    if (confirmTimer.current) clearTimeout(confirmTimer.current);
    ticker.current = null;
    confirmTimer.current = null;
  };
  useEffect(() => clear, []);

  const begin = () => {
    if (props.disabled || started.current !== null) return;
    started.current = performance.now();
    setProgress(0);
    setMessage(`Keep holding for ${seconds} seconds to ${props.what}.`);
    ticker.current = setInterval(() => {
      if (started.current === null) return;
      setProgress(Math.min(1, (performance.now() - started.current) / holdMs));
    }, 50);
    confirmTimer.current = setTimeout(() => {
      clear();
      started.current = null;
      setProgress(1);
      setMessage(`Confirmed: ${props.what}.`);
      onConfirm.current();
    }, holdMs);
  };
  const end = () => {
    if (started.current === null) return;
    clear();
    started.current = null;
    setProgress(0);
    setMessage(`Let go too soon: nothing was sent. Hold for ${seconds} seconds to ${props.what}.`);
  };

  const isHoldKey = (k: string) => k === " " || k === "Enter";
  return (
    <div className="hold">
      <button
        type="button"
        className={props.className}
        aria-describedby={hintId}
        disabled={props.disabled}
        onPointerDown={(e) => {
          if (e.pointerType === "mouse" && e.button !== 0) return;
          e.currentTarget.setPointerCapture?.(e.pointerId);
          begin();
        }}
        onPointerUp={end}
        onPointerCancel={end}
        onLostPointerCapture={end}
        onKeyDown={(e) => {
          if (!isHoldKey(e.key)) return;
          e.preventDefault();
          if (!e.repeat) begin();
        }}
        onKeyUp={(e) => {
          if (!isHoldKey(e.key)) return;
          e.preventDefault();
          end();
        }}
        onBlur={end}
        onClick={(e) => e.preventDefault()}
        onContextMenu={(e) => e.preventDefault()}
      >
        {props.children}
      </button>
      <div className="hold-track" role="progressbar" aria-label={`Holding to ${props.what}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)}>
        <div className="hold-fill" style={{ width: `${progress * 100}%` }} />
      </div>
      <p id={hintId} className="hold-hint">
        Press and hold for {seconds} seconds (or hold down Space or Enter). Letting go early sends nothing.
      </p>
      <p className="visually-hidden" aria-live="assertive">
        {message}
      </p>
    </div>
  );
}
