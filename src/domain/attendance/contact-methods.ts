/** How the school tried to reach a family. */
export const CONTACT_METHODS = ["phone", "text", "email", "letter", "app", "in_person"] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
