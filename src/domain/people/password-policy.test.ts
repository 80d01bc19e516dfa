import { describe, expect, it } from "vitest";
import { checkPasswordStrength } from "./password-policy";

const nia = { email: "nia.roberts@burgh.sch.uk", name: "Nia Roberts", schoolName: "Burgh School" };

describe("password policy", () => {
  it("keeps the length rules", () => {
    expect(() => checkPasswordStrength("short pw")).toThrow(/at least 10 characters/);
    expect(() => checkPasswordStrength("x".repeat(201))).toThrow(/at most 200/);
    expect(() => checkPasswordStrength("zzzzzzzzzzzz")).toThrow(/one repeated character/);
  });

  it("refuses the most common passwords, and those with numbers, symbols or look-alikes added", () => {
    for (const pw of ["password12", "Password1234!", "qwertyuiop", "1234567890", "P@ssw0rd2024", "iloveyou123", "Liverpool1!", "Summer2024!", "pass word 12", "letmein!!!!", "1q2w3e4r5t", "Football2025", "Welcome123!"]) {
      expect(() => checkPasswordStrength(pw), pw).toThrow(/one of the most commonly used passwords/);
    }
  });

  it("refuses a password built on the person's email, name, the school or Doorstep, saying which", () => {
    expect(() => checkPasswordStrength("doorstep-demo")).toThrow(/built on the word "Doorstep"/);
    expect(() => checkPasswordStrength("Doorstep2024!!")).toThrow(/built on the word "Doorstep"/);
    expect(() => checkPasswordStrength("Nia.Roberts2024", nia)).toThrow(/built on your email address/);
    expect(() => checkPasswordStrength("roberts-123456", nia)).toThrow(/built on your email address/);
    expect(() => checkPasswordStrength("BurghSchool2024", nia)).toThrow(/built on the school's name/);
    expect(() => checkPasswordStrength("wisniewski1!!", { name: "Tomasz Wiśniewski" })).toThrow(/built on your name/);
    expect(() => checkPasswordStrength("doorstep password1")).toThrow(/built on the word "Doorstep"/);
  });

  it("accepts a long passphrase, even one that mentions a known word among others", () => {
    for (const pw of ["correct horse battery", "a long enough password", "tulip kettle orbit", "doorstep of the lighthouse keeper"]) {
      expect(() => checkPasswordStrength(pw, nia), pw).not.toThrow();
    }
    expect(() => checkPasswordStrength("a long new passphrase", { email: "new@test.example", name: "New Person" })).not.toThrow();
  });

  it("never repeats the password in its message", () => {
    expect(() => checkPasswordStrength("Password1234!")).toThrow(expect.objectContaining({ message: expect.not.stringContaining("Password1234") }));
  });
});
