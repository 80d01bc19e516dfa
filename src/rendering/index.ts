// The documents Doorstep prints: each takes data already formatted for people
// (dates, times, names) and returns PDF bytes.
export { renderPdf, keepTogether, type PdfDocument } from "./render-pdf";
export { renderVisitListPdf, type VisitListDocument, type VisitListEntry, type VisitListApproval } from "./visit-list";
export { renderAppointmentLetterPdf, type AppointmentLetter, type AppointmentSignatures } from "./appointment-letter";
export { renderCalledCardsPdf, replyLinkBlock, REPLY_LINE, WRITE_IN_LINE, type CalledCard } from "./called-cards";
export { renderStatutoryReturnPdf, MISSING, type StatutoryReturnDocument, type StatutoryReturnField } from "./statutory-return";
export { renderFamilyPolicyPdf, familyPolicyTitle, type FamilyPolicyDocument } from "./family-policy";
export { renderSubjectAccessPdf } from "./subject-access";
