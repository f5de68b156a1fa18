/**
 * Charts drawn as plain SVG: horizontal bars, stacked when a row has several
 * parts (overdue / at risk / on track). Each row is a button when it leads
 * somewhere (drill-down), and the numbers are also in the markup so a screen
 * reader or a printout reads them. No chart library: the shapes are few and
 * the text must be Thai in Sarabun like the rest of the page.
 */
import { useI18n } from '../lib/i18n';

export interface BarPart {
  key: string;
  value: number;
  /** CSS colour token name, e.g. 'overdue' → var(--c-overdue) */
  tone: string;
  label: string;
}

export interface BarRow {
  id: string;
  label: string;
  parts: BarPart[];
  /** shown at the end of the bar instead of the total */
  note?: string;
}

export function BarChart({
  title,
  rows,
  onSelect,
  max: fixedMax,
  unit,
}: {
  title: string;
  rows: BarRow[];
  onSelect?: (row: BarRow, part?: BarPart) => void;
  max?: number;
  unit?: string;
}) {
  const { num, tr } = useI18n();
  const max = fixedMax ?? Math.max(1, ...rows.map((r) => r.parts.reduce((s, p) => s + p.value, 0)));
  const legend = [...new Map(rows.flatMap((r) => r.parts).map((p) => [p.key, p])).values()];
  if (rows.length === 0) return <p className="empty">{tr('ไม่มีข้อมูล', 'No data')}</p>;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {legend.length > 1 && (
        <ul className="legend" aria-hidden="true">
          {legend.map((p) => (
            <li key={p.key}>
              <span className={`swatch tone-${p.tone}`} /> {p.label}
            </li>
          ))}
        </ul>
      )}
      <ol className="bars">
        {rows.map((row) => {
          const total = row.parts.reduce((s, p) => s + p.value, 0);
          // a button is named by its own text (what it shows, then the numbers, hidden from the eye): its name holds the visible words (WCAG 2.5.3)
          const shown = row.note ?? num(total);
          const details = `: ${row.parts.map((p) => `${p.label} ${num(p.value)}`).join(', ')}${unit ? ` ${unit}` : ''}`;
          const bar = (
            <>
              <span className="bar-label">{row.label}</span>{' '}
              <svg className="bar-svg" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                {(() => {
                  let x = 0;
                  return row.parts.map((p) => {
                    const w = (p.value / max) * 100;
                    const rect = <rect key={p.key} x={x} y={0} width={Math.max(0, w)} height={10} className={`tone-${p.tone}`} />;
                    x += w;
                    return rect;
                  });
                })()}
              </svg>
              <span className="bar-value">{shown}</span>
            </>
          );
          return (
            <li key={row.id} className="bar-row">
              {onSelect ? (
                <button type="button" className="bar-button" onClick={() => onSelect(row)}>
                  {bar}
                  <span className="visually-hidden">{details}</span>
                </button>
              ) : (
                <div className="bar-button" role="img" aria-label={`${row.label} ${shown}${details}`}>
                  {bar}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

/** A ring showing a share (0..1), e.g. the share of steps met on time. */
export function ShareRing({ share, label }: { share: number | null; label: string }) {
  const { num } = useI18n();
  const pct = share === null ? null : Math.round(share * 1000) / 10;
  const r = 16;
  const c = 2 * Math.PI * r;
  return (
    <figure className="ring" role="img" aria-label={`${label}: ${pct === null ? '—' : `${num(pct, 1)}%`}`}>
      <svg viewBox="0 0 40 40" aria-hidden="true">
        <circle cx="20" cy="20" r={r} className="ring-track" />
        {share !== null && (
          <circle cx="20" cy="20" r={r} className="ring-value" strokeDasharray={`${c * share} ${c}`} transform="rotate(-90 20 20)" />
        )}
      </svg>
      <figcaption>
        <strong>{pct === null ? '—' : `${num(pct, 1)}%`}</strong>
        <span>{label}</span>
      </figcaption>
    </figure>
  );
}
