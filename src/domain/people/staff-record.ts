/**
 * What the business manager holds about each member of staff who makes visits
 * (coteford 2.3, 2.9, 5.1; transform-trust 2.2, 2.6, 3.2, 6.1; scargill
 * training; hunsbury-park 2, 3).
 */
import type { IsoDate } from "../attendance/iso-date";

/** Training names as the policies write them; templates list the ones they require. */
export const TRAINING_KINDS = [
  "safe working practices",
  "cultural awareness",
  "diversity and racial equality",
  "specific equipment training",
  "manual handling",
  "first aid",
  "disengagement techniques",
  "conflict management",
  "lone working",
] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

export interface TrainingRecord {
  kind: string;
  completedOn: IsoDate;
  /** null: does not expire. */
  expiresOn: IsoDate | null;
}

export interface VehicleRecord {
  make: string;
  model: string;
  registration: string;
  colour: string;
  insuranceExpiresOn: IsoDate | null;
}

export interface StaffRecord {
  userId: string;
  name: string;
  mobile: string | null;
  dbs: { number: string; issuedOn: IsoDate } | null;
  barredListCheckedOn: IsoDate | null;
  training: TrainingRecord[];
  vehicle: VehicleRecord | null;
}

/**
 * An enhanced DBS certificate has no expiry date in law; schools re-check on a
 * cycle. Doorstep treats a certificate as current for three years unless the
 * school records a newer one (a documented product decision).
 */
export const DBS_RECHECK_YEARS = 3;
