import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn } from "./helpers";

/** A demo pupil's UPN, read from the API as the signed-in user. */
async function demoUpn(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const res = await (await fetch("/api/pupils")).json();
    return res.pupils[0].upn as string;
  });
}

function csv(name: string, text: string) {
  return { name, mimeType: "text/csv", buffer: Buffer.from(text) };
}

test("the attendance lead imports register marks, re-imports them unchanged, and is told the line of a bad code", async ({ page }) => {
  await signIn(page, "attendance_lead");
  const upn = await demoUpn(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Imports" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Imports");
  const marks = page.getByRole("region", { name: "Register marks" });
  // The example file is made in the browser and names the canonical columns.
  const [download] = await Promise.all([page.waitForEvent("download"), marks.getByRole("link", { name: /example register marks file/ }).click()]);
  expect(download.suggestedFilename()).toBe("register-marks-example.csv");
  const example = await download.createReadStream();
  let text = "";
  for await (const chunk of example) text += String(chunk);
  expect(text.split("\n")[0]).toBe("upn,date,session,code");

  // A day well in the past, so the Today list other tests check is not disturbed.
  const file = csv("marks-2025-06-02.csv", `upn,date,session,code\n${upn},2025-06-02,AM,/\n${upn},2025-06-02,PM,I\n`);
  await marks.getByLabel("Register marks file (CSV, or Wonde JSON)").setInputFiles(file);
  await marks.getByRole("button", { name: "Upload register marks" }).click();
  await expect(marks.getByRole("status")).toContainText("2 marks read: 2 new, 0 corrected, 0 unchanged");
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expectAccessible(page);

  await marks.getByLabel("Register marks file (CSV, or Wonde JSON)").setInputFiles(file);
  await marks.getByRole("button", { name: "Upload register marks" }).click();
  await expect(marks.getByRole("status")).toContainText("2 marks read: 0 new, 0 corrected, 2 unchanged");

  const wonde = {
    data: ["AM", "PM"].map((session) => ({ student: { data: { upn } }, date: { date: "2025-06-04 00:00:00.000000" }, session, attendance_code: { data: { code: "/" } } })),
  };
  await marks
    .getByLabel("Register marks file (CSV, or Wonde JSON)")
    .setInputFiles({ name: "wonde.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(wonde)) });
  await marks.getByRole("button", { name: "Upload register marks" }).click();
  await expect(marks.getByRole("status")).toContainText("2 marks read: 2 new, 0 corrected, 0 unchanged");

  const bad = csv("bad-code.csv", `upn,date,session,code\n${upn},2025-06-03,AM,/\n${upn},2025-06-03,PM,QQ\n`);
  await marks.getByLabel("Register marks file (CSV, or Wonde JSON)").setInputFiles(bad);
  await marks.getByRole("button", { name: "Upload register marks" }).click();
  const alert = marks.getByRole("alert");
  await expect(alert).toContainText("Nothing was imported: line 3, column code");
  await expect(alert).toContainText('"QQ" is not a DfE attendance code');
  await expect(marks.getByRole("status")).toHaveText("");
  await expectAccessible(page);
});

test("the office imports term dates and sees them on the calendar", async ({ page }) => {
  await signIn(page, "office");
  await page.goto("/imports");
  const terms = page.getByRole("region", { name: "Term dates" });
  await terms.getByLabel("Term dates file (CSV)").setInputFiles(csv("terms.csv", "from,to,kind,label\n2027-08-02,2027-08-06,holiday,Summer test week\n"));
  await terms.getByRole("button", { name: "Upload term dates" }).click();
  await expect(terms.getByRole("status")).toContainText("5 weekdays in the file: 5 changed");

  const pupils = page.getByRole("region", { name: "Pupils and families" });
  await pupils.getByLabel("Pupils and families file (CSV)").setInputFiles(csv("pupils.csv", "upn,first_name\nA123456789012,Amira\n"));
  await pupils.getByRole("button", { name: "Upload pupils and families" }).click();
  await expect(pupils.getByRole("alert")).toContainText("line 1, column last_name");

  await page.goto("/calendar");
  await page.getByLabel("Show from").fill("2027-08-01");
  await page.getByLabel("Show until").fill("2027-08-31");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page.getByRole("row", { name: /Monday 2 August 2027/ })).toContainText("Summer test week");
  // Leave the calendar as the demo had it.
  for (const day of ["2", "3", "4", "5", "6"]) {
    await page.getByRole("button", { name: new RegExp(`Reopen \\w+ ${day} August 2027`) }).click();
    await expect(page.getByRole("status")).toContainText(`${day} August 2027 is a school day again`);
  }
});
