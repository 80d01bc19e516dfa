import type { useLocation } from "../../field/useLocation";

/** Sharing the phone's location with the steps: what the browser allows, and the switch. */
export function LocationControl({ location }: { location: ReturnType<typeof useLocation> }) {
  switch (location.status) {
    case "unavailable":
      return <p className="muted">This browser cannot share a location. Steps are sent without one.</p>;
    case "denied":
      return <p>Location is blocked in this browser&rsquo;s settings. Steps are sent without it; tell the office where you are if it matters.</p>;
    case "asking":
      return <p role="status">Asking the phone for your location… Steps do not wait for it.</p>;
    case "on":
      return (
        <>
          <p role="status">Your location goes with each step and with the alarm.{location.error ? ` ${location.error}` : ""}</p>
          <button type="button" className="secondary" onClick={location.stop}>
            Stop sharing my location
          </button>
        </>
      );
    case "off":
      return (
        <>
          <p>Sharing your location helps the office find you in an emergency. It is only sent with the steps you report.</p>
          <button type="button" className="field-step secondary" onClick={location.start}>
            Share my location with the office
          </button>
        </>
      );
  }
}
