/**
 * The one schema, for PGlite and PostgreSQL alike, one file per area. Every record
 * that holds school data carries `school_id`: need-to-know starts at the table.
 * Keep to SQL that PostgreSQL 15 (Debian's server) and PGlite (18) both accept.
 * Import tables from here (`db/schema`), never from an area's file.
 */
export * from "./people";
export * from "./auth";
export * from "./audit";
export * from "./attendance";
export * from "./policy";
export * from "./visits";
export * from "./staff";
export * from "./documents";
export * from "./notify";
export * from "./safety";
export * from "./records";
export * from "./oversight";
export * from "./kept-mornings";
