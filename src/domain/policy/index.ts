export * from "./template";
export { policyTemplates } from "./templates";
export { parsePolicyTemplate } from "./parse-template";
export { reviewStatus, type ReviewStatus } from "./review";
