/**
 * The card on the rounds page that opens a round of one procedure: its
 * heading, a button that shows the procedure's form, and the form (given by
 * the caller) with a way to close it again. Shown only where the reader may
 * start that procedure (the rounds page reads GET /api/workflows once).
 */
import { useState, type ReactNode } from 'react';

export function RoundOpener({
  headingId,
  title,
  button,
  children,
}: {
  headingId: string;
  title: string;
  button: string;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {open ? (
        children(() => setOpen(false))
      ) : (
        <button type="button" className="btn btn-primary" onClick={() => setOpen(true)}>
          {button}
        </button>
      )}
    </section>
  );
}
