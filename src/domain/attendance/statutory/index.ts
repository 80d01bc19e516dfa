export { evaluateStatutory, type StatutoryInput } from "./evaluate-statutory";
export * from "./duties";
export * from "./la-packs";
export type { StatutoryPupil } from "./rules";
export * from "./penalty-notices";
export * from "./deletion-grounds";
export * from "./return-csv";
export * from "./returns-over-range";
