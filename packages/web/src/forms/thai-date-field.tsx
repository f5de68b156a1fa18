/**
 * A date or date-time field that speaks พ.ศ.: a plain text box (keyboard
 * first, labelled by the form's <label>) that shows the value as
 * '1 ต.ค. 2563' or '1 ต.ค. 2563 13.30 น.' and reads what people type
 * ('1/10/2563', '๑ ต.ค. ๒๕๖๓', '2020-10-01'). The native date pickers are
 * not used: they show the browser's calendar and era, and a datetime-local
 * box works in the browser's time zone, which is how a date-time used to
 * shift by 7 hours on every edit. What the field hands the form is the API's
 * value (an ISO date or instant) once the text reads as one, and the text
 * itself while it does not — so the form's check refuses it and nothing is
 * sent. Why it does not read is said under the field when the person
 * leaves it, and again on sending.
 */
import { useState } from 'react';
import { useI18n } from '../lib/i18n';
import { dateExample, isIsoDate, isIsoInstant, readDate, readDateTime, showDate, showDateTime } from '../lib/thai-date-input';
import type { Lang } from '../lib/lang';

interface Props {
  kind: 'date' | 'datetime';
  id: string;
  name: string;
  required: boolean;
  value: unknown;
  onChange: (value: unknown) => void;
  /** the form's message for this field after a send was tried */
  submitError: string | undefined;
}

function shown(kind: 'date' | 'datetime', value: unknown, lang: Lang): string {
  if (kind === 'date' && isIsoDate(value)) return showDate(value, lang);
  if (kind === 'datetime' && isIsoInstant(value)) return showDateTime(value, lang);
  return typeof value === 'string' ? value : '';
}

export function ThaiDateField({ kind, id, name, required, value, onChange, submitError }: Props) {
  const { lang, tr, pick, date, dateTime } = useI18n();
  const read = kind === 'date' ? readDate : readDateTime;
  // the text in the box, and the value and language it was last in step with: a value changed from outside (a reset) or a language switch shows afresh
  const [box, setBox] = useState(() => ({ text: shown(kind, value, lang), value, lang }));
  const [left, setLeft] = useState(false);
  if (box.value !== value || box.lang !== lang) setBox({ text: shown(kind, value, lang), value, lang });

  const reading = box.text.trim() === '' ? null : read(box.text);
  // why the text does not read: said once the person leaves the field (not while typing), or after a send was tried
  const message = reading === null ? submitError : reading.ok ? undefined : left ? pick(reading.message) : submitError;
  const hintId = `${id}-format`;
  const errorId = `${id}-error`;
  const readBack = reading?.ok && reading.value === value ? (kind === 'date' ? date(reading.value) : dateTime(reading.value)) : null;
  const example = dateExample(kind);

  return (
    <>
      <span className="hint" id={hintId}>
        {tr(
          `พิมพ์วัน เดือน ปี พ.ศ.${kind === 'datetime' ? ' และเวลา' : ''} เช่น ${example.th}`,
          `Type the day, month and B.E. year${kind === 'datetime' ? ' and the time (Bangkok)' : ''}, e.g. ${example.en}`,
        )}
      </span>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="text"
        autoComplete="off"
        spellCheck={false}
        data-kind={kind}
        value={box.text}
        aria-required={required || undefined}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${hintId} ${errorId}` : hintId}
        onChange={(e) => {
          const text = e.target.value;
          const r = text.trim() === '' ? null : read(text);
          const next = r === null ? undefined : r.ok ? r.value : text;
          setBox({ text, value: next, lang });
          setLeft(false);
          onChange(next);
        }}
        onBlur={() => {
          setLeft(true);
          // a date that reads is written back the one way this field shows dates
          if (reading?.ok) setBox({ text: shown(kind, reading.value, lang), value: box.value, lang });
        }}
      />
      {/* shown as long as the text reads (not only while it differs): leaving the field must not move the button below it under the pointer */}
      {readBack && (
        <span className="hint" data-testid="be-date">
          = {readBack}
        </span>
      )}
      {message && (
        <span className="field-error" id={errorId}>
          {message}
        </span>
      )}
    </>
  );
}
