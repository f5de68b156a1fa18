/**
 * More charts in the manner of charts.tsx (plain SVG, the numbers also in the
 * markup, a row is a button when it leads to a drill-down):
 * - GroupedBarChart: stacked bars in groups under small headings (steps
 *   grouped by workflow), one legend, one scale for every group; or each row
 *   scaled to its own total (`normalize`, for shares);
 * - RangeBarChart: a typical value and a high one per row (median and p90
 *   of the time a step takes);
 * - Meter: a labelled progress bar (role="progressbar"), optionally in parts.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n';
import type { BarPart, BarRow } from './charts';

export interface BarGroup<R> {
  id: string;
  title: string;
  rows: R[];
}

function rowTotal(row: BarRow): number {
  return row.parts.reduce((s, p) => s + p.value, 0);
}

function Legend({ parts }: { parts: { key: string; tone: string; label: string }[] }) {
  if (parts.length < 2) return null;
  return (
    <ul className="legend" aria-hidden="true">
      {parts.map((p) => (
        <li key={p.key}>
          <span className={`swatch tone-${p.tone}`} /> {p.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * A row: a button (named by its own text — what it shows, then the numbers
 * in a visually hidden line — so the name holds the visible words, WCAG 2.5.3)
 * or, when it leads nowhere, an image named the same way.
 */
function RowButton({
  visible,
  details,
  onClick,
  children,
  testId,
}: {
  visible: string;
  details: string;
  onClick?: (() => void) | undefined;
  children: ReactNode;
  testId?: string | undefined;
}) {
  return onClick ? (
    <button type="button" className="bar-button" onClick={onClick} data-testid={testId}>
      {children}
      <span className="visually-hidden">{details}</span>
    </button>
  ) : (
    <div className="bar-button" role="img" aria-label={`${visible}${details}`} data-testid={testId}>
      {children}
    </div>
  );
}

/**
 * Stacked bars in groups. The accessible name of a row starts with what it
 * shows (its label and number), then the group's title, then every part with
 * its number: "Scoring 3 (Teacher transfer request): Overdue 1, At risk 0, On track 2".
 */
export function GroupedBarChart({
  title,
  groups,
  onSelect,
  max: fixedMax,
  normalize = false,
  unit,
  legend: legendParts,
  testIdPrefix,
}: {
  title: string;
  groups: BarGroup<BarRow>[];
  onSelect?: (row: BarRow, group: BarGroup<BarRow>) => void;
  max?: number;
  /** each row fills the width in proportion to its own total (a share) */
  normalize?: boolean;
  unit?: string;
  /** the legend, when it should list parts that no row has yet */
  legend?: { key: string; tone: string; label: string }[];
  /** `data-testid` of a row: prefix + row id */
  testIdPrefix?: string;
}) {
  const { num, tr } = useI18n();
  const visible = groups.filter((g) => g.rows.length > 0);
  if (visible.length === 0) return <p className="empty">{tr('ไม่มีข้อมูล', 'No data')}</p>;
  const all = visible.flatMap((g) => g.rows);
  const max = fixedMax ?? Math.max(1, ...all.map(rowTotal));
  const legend = legendParts ?? [...new Map(all.flatMap((r) => r.parts).map((p) => [p.key, p])).values()];
  return (
    <figure className="chart cx-chart-grouped">
      <figcaption>{title}</figcaption>
      <Legend parts={legend} />
      <div className="cx-bar-groups">
        {visible.map((group) => (
          <div key={group.id} className="cx-bar-group" role="group" aria-label={group.title}>
            {visible.length > 1 || group.title ? (
              <p className="cx-bar-group-title" aria-hidden="true">
                {group.title}
              </p>
            ) : null}
            <ol className="bars">
              {group.rows.map((row) => {
                const total = rowTotal(row);
                const scale = normalize ? Math.max(1, total) : max;
                const shown = row.note ?? num(total);
                const details = `${group.title ? ` (${group.title})` : ''}: ${row.parts.map((p) => `${p.label} ${num(p.value)}`).join(', ')}${unit ? ` ${unit}` : ''}`;
                let x = 0;
                return (
                  <li key={row.id} className="bar-row">
                    <RowButton
                      visible={`${row.label} ${shown}`}
                      details={details}
                      onClick={onSelect ? () => onSelect(row, group) : undefined}
                      testId={testIdPrefix ? `${testIdPrefix}${row.id}` : undefined}
                    >
                      <span className="bar-label" title={row.label}>
                        {row.label}
                      </span>{' '}
                      <svg className="bar-svg" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                        {row.parts.map((p: BarPart) => {
                          const w = (p.value / scale) * 100;
                          const rect = <rect key={p.key} x={x} y={0} width={Math.max(0, w)} height={10} className={`tone-${p.tone}`} />;
                          x += w;
                          return rect;
                        })}
                      </svg>
                      <span className="bar-value">{shown}</span>
                    </RowButton>
                  </li>
                );
              })}
            </ol>
          </div>
        ))}
      </div>
    </figure>
  );
}

export interface RangeRow {
  id: string;
  label: string;
  /** the typical value (e.g. the median) */
  low: number;
  /** the high value (e.g. the 90th percentile), at least `low` */
  high: number;
}

/**
 * A solid bar to the typical value and a light one on to the high value, with
 * both written at the end: "1.5 d · 4.0 d". `format` writes a value.
 */
export function RangeBarChart({
  title,
  groups,
  lowLabel,
  highLabel,
  format,
  onSelect,
}: {
  title: string;
  groups: BarGroup<RangeRow>[];
  lowLabel: string;
  highLabel: string;
  format: (v: number) => string;
  onSelect?: (row: RangeRow, group: BarGroup<RangeRow>) => void;
}) {
  const { tr } = useI18n();
  const visible = groups.filter((g) => g.rows.length > 0);
  if (visible.length === 0) return <p className="empty">{tr('ไม่มีข้อมูล', 'No data')}</p>;
  const max = Math.max(1e-9, ...visible.flatMap((g) => g.rows.map((r) => Math.max(r.low, r.high))));
  return (
    <figure className="chart cx-chart-range">
      <figcaption>{title}</figcaption>
      <Legend
        parts={[
          { key: 'low', tone: 'open', label: lowLabel },
          { key: 'high', tone: 'range-high', label: highLabel },
        ]}
      />
      <div className="cx-bar-groups">
        {visible.map((group) => (
          <div key={group.id} className="cx-bar-group" role="group" aria-label={group.title}>
            <p className="cx-bar-group-title" aria-hidden="true">
              {group.title}
            </p>
            <ol className="bars">
              {group.rows.map((row) => {
                const lw = (row.low / max) * 100;
                const hw = (Math.max(row.low, row.high) / max) * 100;
                const details = `${group.title ? ` (${group.title})` : ''}: ${lowLabel} ${format(row.low)}, ${highLabel} ${format(row.high)}`;
                return (
                  <li key={row.id} className="bar-row">
                    <RowButton
                      visible={`${row.label} ${format(row.low)} · ${format(row.high)}`}
                      details={details}
                      onClick={onSelect ? () => onSelect(row, group) : undefined}
                    >
                      <span className="bar-label" title={row.label}>
                        {row.label}
                      </span>{' '}
                      <svg className="bar-svg" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                        <rect x={0} y={2} width={Math.max(0, hw)} height={6} className="tone-range-high" />
                        <rect x={0} y={0} width={Math.max(0, lw)} height={10} className="tone-open" />
                      </svg>
                      <span className="bar-value">
                        {format(row.low)} · {format(row.high)}
                      </span>
                    </RowButton>
                  </li>
                );
              })}
            </ol>
          </div>
        ))}
      </div>
    </figure>
  );
}

/**
 * A labelled bar for "so much of so much": children done, budget used. With
 * `parts` it is stacked (e.g. done and active); its accessible value is the
 * first part (or `value`) of `max`.
 */
export function Meter({
  label,
  value,
  max,
  text,
  tone = 'ok',
  parts,
  compact = false,
}: {
  label: string;
  value: number;
  max: number;
  /** what is written next to the bar, e.g. "12 / 30 (40%)" */
  text: string;
  tone?: string;
  parts?: { key: string; value: number; tone: string }[];
  compact?: boolean;
}) {
  const safeMax = max > 0 ? max : 1;
  const pct = Math.min(100, Math.max(0, (value / safeMax) * 100));
  const segments = parts ?? [{ key: 'value', value, tone }];
  return (
    <div className={compact ? 'cx-meter cx-meter-compact' : 'cx-meter'}>
      {!compact && <span className="cx-meter-label">{label}</span>}
      <div
        className="cx-meter-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={text}
        data-pct={Math.round(pct)}
      >
        {segments.map((s) => (
          <span
            key={s.key}
            className={`cx-meter-fill tone-${s.tone}`}
            style={{ width: `${Math.min(100, Math.max(0, (s.value / safeMax) * 100))}%` }}
          />
        ))}
      </div>
      <span className="cx-meter-text">{text}</span>
    </div>
  );
}
