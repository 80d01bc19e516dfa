import { useImperativeHandle, useRef, useState, type Ref } from "react";

export interface SignaturePadHandle {
  isEmpty: () => boolean;
  toDataURL: () => string;
  clear: () => void;
}

const WIDTH = 600;
const HEIGHT = 200;

/**
 * A signature drawn with a finger, stylus or mouse (pointer events). Keyboard
 * users type the name instead, and it is written onto the pad as text.
 */
export function SignaturePad({ id, label, ref }: { id: string; label: string; ref: Ref<SignaturePadHandle> }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const inked = useRef(false);
  const [typed, setTyped] = useState("");
  const [status, setStatus] = useState("Empty.");

  const ctx = () => {
    const c = canvas.current?.getContext("2d");
    if (c) {
      c.lineWidth = 3;
      c.lineCap = "round";
      c.lineJoin = "round";
      c.strokeStyle = "#0b0c0c";
      c.fillStyle = "#0b0c0c";
    }
    return c ?? null;
  };
  const clear = () => {
    const c = ctx();
    if (c) {
      c.fillStyle = "#ffffff";
      c.fillRect(0, 0, WIDTH, HEIGHT);
    }
    inked.current = false;
    setStatus("Empty.");
  };
  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * WIDTH) / r.width, y: ((e.clientY - r.top) * HEIGHT) / r.height };
  };

  useImperativeHandle(ref, () => ({
    isEmpty: () => !inked.current,
    toDataURL: () => {
      // A white background, so the PNG reads on any viewer.
      const c = canvas.current!;
      const out = document.createElement("canvas");
      out.width = WIDTH;
      out.height = HEIGHT;
      const o = out.getContext("2d")!;
      o.fillStyle = "#ffffff";
      o.fillRect(0, 0, WIDTH, HEIGHT);
      o.drawImage(c, 0, 0);
      return out.toDataURL("image/png");
    },
    clear,
  }));

  return (
    <div className="signature-pad">
      <p className="signature-label" id={`${id}-label`}>
        <strong>{label}</strong>
      </p>
      <canvas
        ref={canvas}
        id={id}
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-status`}
        onPointerDown={(e) => {
          e.preventDefault();
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = point(e);
          const c = ctx();
          if (c) {
            const p = drawing.current;
            c.beginPath();
            c.arc(p.x, p.y, 1.5, 0, Math.PI * 2);
            c.fill();
          }
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const c = ctx();
          const p = point(e);
          if (c) {
            c.beginPath();
            c.moveTo(drawing.current.x, drawing.current.y);
            c.lineTo(p.x, p.y);
            c.stroke();
          }
          drawing.current = p;
          if (!inked.current) {
            inked.current = true;
            setStatus("Signed by hand.");
          }
        }}
        onPointerUp={() => {
          drawing.current = null;
        }}
        onPointerCancel={() => {
          drawing.current = null;
        }}
      />
      <p id={`${id}-status`} className="muted" aria-live="polite">
        {status}
      </p>
      <label htmlFor={`${id}-typed`}>Or type the name (for keyboard users)</label>
      <input id={`${id}-typed`} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} autoComplete="off" />
      <div className="actions">
        <button
          type="button"
          className="secondary"
          onClick={() => {
            if (!typed.trim()) {
              setStatus("Type the name first.");
              return;
            }
            clear();
            const c = ctx();
            if (c) {
              c.font = "italic 44px Georgia, 'Times New Roman', serif";
              c.textBaseline = "middle";
              c.fillText(typed.trim(), 24, HEIGHT / 2, WIDTH - 48);
              c.beginPath();
              c.moveTo(24, HEIGHT - 40);
              c.lineTo(WIDTH - 24, HEIGHT - 40);
              c.stroke();
            }
            inked.current = true;
            setStatus(`The name "${typed.trim()}" is written on the pad.`);
          }}
        >
          Write the name on the pad<span className="visually-hidden"> ({label})</span>
        </button>
        <button type="button" className="secondary" onClick={clear}>
          Clear<span className="visually-hidden"> ({label})</span>
        </button>
      </div>
    </div>
  );
}
