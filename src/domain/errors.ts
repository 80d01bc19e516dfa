/**
 * Errors the domain raises. Each carries a stable code and, where one input is
 * at fault, the field that is wrong, so every door (CLI, HTTP, web) can say
 * exactly what to fix. The HTTP mapping lives in src/http/errors.ts; the domain
 * never knows about status codes.
 */
export type DomainErrorCode =
  | "invalid_input"
  | "unauthenticated"
  | "not_found"
  | "forbidden"
  | "conflict"
  | "policy_violation";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Path of the input at fault, e.g. `marks[3].code`. */
    readonly field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export class InvalidInput extends DomainError {
  constructor(field: string, message: string) {
    super("invalid_input", `${field}: ${message}`, field);
    this.name = "InvalidInput";
  }
}

export class NotFound extends DomainError {
  constructor(what: string, field?: string) {
    super("not_found", `${what} not found`, field);
    this.name = "NotFound";
  }
}

export class Conflict extends DomainError {
  constructor(message: string, field?: string) {
    super("conflict", message, field);
    this.name = "Conflict";
  }
}

/** A request the policy in force does not allow; `clause` names why. */
export class PolicyViolation extends DomainError {
  constructor(message: string, readonly clause: string, field?: string) {
    super("policy_violation", message, field);
    this.name = "PolicyViolation";
  }
}

/** The caller's role does not allow this particular change (the route itself was allowed). */
export class Forbidden extends DomainError {
  constructor(message: string, field?: string) {
    super("forbidden", message, field);
    this.name = "Forbidden";
  }
}
