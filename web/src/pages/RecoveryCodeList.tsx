/** Recovery codes, shown once: at set-up (sign-in or the Account page) and when replaced. */
export function RecoveryCodeList({ codes }: { codes: string[] }) {
  return (
    <>
      <p>If you lose your phone, each of these codes signs you in once instead of a code from the app. Print them or keep them somewhere safe, away from your phone: they are not shown again.</p>
      <ol className="recovery-codes" aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
    </>
  );
}
