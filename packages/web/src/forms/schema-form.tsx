/**
 * A form built from a JSON Schema (an event's payload or a workflow's
 * input): a field per property, nested groups, lists with add/remove,
 * choices as selects, dates and date-times typed and shown in พ.ศ. (Bangkok
 * time, thai-date-field.tsx), and
 * the validation message under each field in the current language. The
 * people, accounts and schools chosen by name where the schema says
 * `x-picker` (picker-fields.tsx: nobody types an id), and
 * caller owns the value; `overrides` give a field fixed choices or hide it
 * (e.g. preferred schools from the round's vacancies).
 */
import { useId, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n';
import { fieldLabel, valueLabel } from './field-labels';
import { ThaiDateField } from './thai-date-field';
import { FileListField, type UploadedFile } from './file-upload';
import { PickerField, type Picked } from './picker-fields';
import { ScoreTableField } from './score-table-field';
import { initialValue, kindOf, pathKey, unwrapNullable, type Errors, type JsonSchema } from './json-schema';

export interface FieldOverride {
  options?: { value: string; label: string }[];
  hidden?: boolean;
  hint?: string;
}

interface FormProps {
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  errors: Errors;
  /** by path with `*` for list positions: 'preferences.*' */
  overrides?: Record<string, FieldOverride>;
  /** the case an action's form acts on: widgets that read it (the score table) need it */
  caseId?: string;
}

/** "กรุณาแก้ไข 3 ช่องที่ไม่ถูกต้อง", announced, while the form's own checks stop a send (the server's refusal speaks for itself). */
export function ErrorCount({ errors, problem }: { errors: Errors; problem: unknown }) {
  const { tr } = useI18n();
  const n = Object.keys(errors).length;
  if (n === 0 || problem) return null;
  return (
    <p className="field-error" role="alert">
      {tr(`กรุณาแก้ไข ${n} ช่องที่ไม่ถูกต้อง`, `Please correct ${n} field(s)`)}
    </p>
  );
}

export function SchemaForm({ schema, value, onChange, errors, overrides = {}, caseId }: FormProps) {
  const idBase = useId();
  return (
    <FieldView
      schema={schema}
      value={value}
      onChange={onChange}
      path={[]}
      required
      errors={errors}
      overrides={overrides}
      idBase={idBase}
      {...(caseId ? { caseId } : {})}
    />
  );
}

interface FieldProps {
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  path: (string | number)[];
  required: boolean;
  errors: Errors;
  overrides: Record<string, FieldOverride>;
  idBase: string;
  /** a picker in a group: sets its id and the sibling fields it fills in one change */
  onPicked?: (picked: Picked | null) => void;
  caseId?: string;
}

const pickerOf = (s: JsonSchema | undefined) => s?.['x-picker'] ?? (s ? unwrapNullable(s).schema['x-picker'] : undefined);
const overrideKey = (path: (string | number)[]) => path.map((p) => (typeof p === 'number' ? '*' : p)).join('.');
export const fieldId = (idBase: string, path: (string | number)[]) =>
  `${idBase}-${path.join('-') || 'root'}`.replace(/[^A-Za-z0-9_-]/g, '_');

function FieldView(props: FieldProps) {
  const { tr, lang } = useI18n();
  const { value, onChange, path, required, errors, overrides, idBase } = props;
  const { schema } = unwrapNullable(props.schema);
  const key = String(path[path.length - 1] ?? '');
  const kind = kindOf(schema, key);
  const ov = overrides[overrideKey(path)] ?? {};
  if (ov.hidden || (props.schema['x-widget'] === 'hidden' && !required)) return null;
  const id = fieldId(idBase, path);
  const error = errors[pathKey(path)];
  const label =
    typeof path[path.length - 1] === 'number'
      ? `${tr('ลำดับที่', 'No.')} ${Number(key) + 1}`
      : fieldLabel(key, { ...schema, ...props.schema }, lang);
  const errorId = `${id}-error`;
  const describedBy = error ? errorId : undefined;
  const errorText = error ? (
    <span className="field-error" id={errorId}>
      {error}
    </span>
  ) : null;
  const hint = ov.hint ?? schema.description;

  if (kind === 'object' && path.length > 0 && !required && (value === undefined || value === null)) {
    return (
      <fieldset className="group">
        <legend>
          {label} <span className="hint">{tr('(ไม่บังคับ)', '(optional)')}</span>
        </legend>
        <button type="button" className="btn" onClick={() => onChange(initialValue(schema))}>
          {tr('ระบุ', 'Add')} {label}
        </button>
      </fieldset>
    );
  }
  if (kind === 'object') {
    const obj = (value ?? {}) as Record<string, unknown>;
    const req = new Set(schema.required ?? []);
    const properties = schema.properties ?? {};
    // an account picker fills the person beside it: that person is not chosen twice
    const filledByAccount = Object.values(properties).some((p) => pickerOf(p) === 'user');
    const children = Object.entries(properties)
      .filter(([k, child]) => !(filledByAccount && k === 'personId' && pickerOf(child) === 'person'))
      .map(([k, child]) => (
        <FieldView
          key={k}
          {...props}
          schema={child}
          value={obj[k]}
          path={[...path, k]}
          required={req.has(k)}
          onChange={(v) => onChange({ ...obj, [k]: v })}
          onPicked={(picked) => {
            const fills = picked ? Object.fromEntries(Object.entries(picked.siblings).filter(([sk]) => sk !== k && sk in properties)) : {};
            onChange({ ...obj, ...fills, [k]: picked?.id });
          }}
        />
      ));
    if (path.length === 0) return <>{children}</>;
    return (
      <fieldset className="group">
        <legend>{label}</legend>
        {children}
        {!required && (
          <button type="button" className="btn btn-ghost" onClick={() => onChange(undefined)}>
            {tr('ไม่ระบุ', 'Leave out')} {label}
          </button>
        )}
        {errorText}
      </fieldset>
    );
  }

  if (kind === 'array' && schema.items?.properties?.fileId) {
    // files: picked and uploaded (docs/files.md), the item carries the upload's id
    return (
      <FileListField
        label={label}
        files={(Array.isArray(value) ? value : []) as UploadedFile[]}
        onChange={(files) => onChange(files)}
        {...(hint ? { hint } : {})}
      />
    );
  }
  if (kind === 'array') {
    const list = Array.isArray(value) ? value : [];
    const itemSchema = schema.items ?? {};
    return (
      <fieldset className="group" aria-describedby={describedBy}>
        <legend>
          {label} {!required && <span className="hint">{tr('(ไม่บังคับ)', '(optional)')}</span>}
        </legend>
        {hint && <p className="hint">{hint}</p>}
        {list.map((item, i) => (
          <div className="array-item" key={i}>
            <FieldView
              {...props}
              schema={itemSchema}
              value={item}
              path={[...path, i]}
              required
              onChange={(v) => onChange(list.map((x, j) => (j === i ? v : x)))}
              onPicked={(picked) => onChange(list.map((x, j) => (j === i ? picked?.id : x)))}
            />
            <button type="button" className="btn btn-ghost" onClick={() => onChange(list.filter((_, j) => j !== i))}>
              {tr('ลบรายการที่', 'Remove item')} {i + 1}
            </button>
          </div>
        ))}
        {(schema.maxItems === undefined || list.length < schema.maxItems) && (
          <button type="button" className="btn" onClick={() => onChange([...list, initialValue(itemSchema)])}>
            {tr('เพิ่ม', 'Add')} {label}
          </button>
        )}
        {errorText}
      </fieldset>
    );
  }

  if (kind === 'record' && schema['x-widget'] === 'score-table' && props.caseId) {
    return <ScoreTableField caseId={props.caseId} id={id} label={label} value={value} onChange={onChange} error={error} />;
  }
  if (kind === 'record') {
    const obj = (value ?? {}) as Record<string, unknown>;
    const entries = Object.entries(obj);
    const rename = (from: string, to: string) =>
      onChange(Object.fromEntries(Object.entries(obj).map(([k, v]) => [k === from ? to : k, v])));
    return (
      <fieldset className="group">
        <legend>{label}</legend>
        {entries.map(([k, v], i) => (
          <div className="btn-row array-item" key={i}>
            <label className="field">
              <span>{tr('หัวข้อ', 'Item')}</span>
              <input value={k} onChange={(e) => rename(k, e.target.value)} />
            </label>
            <label className="field">
              <span>{tr('ค่า', 'Value')}</span>
              <input
                value={String(v ?? '')}
                onChange={(e) => onChange({ ...obj, [k]: e.target.value })}
                aria-invalid={errors[pathKey([...path, k])] ? true : undefined}
              />
            </label>
            <button type="button" className="btn btn-ghost" onClick={() => onChange(Object.fromEntries(entries.filter(([x]) => x !== k)))}>
              {tr('ลบ', 'Remove')}
            </button>
          </div>
        ))}
        <button type="button" className="btn" onClick={() => onChange({ ...obj, [`item${entries.length + 1}`]: '' })}>
          {tr('เพิ่มหัวข้อ', 'Add item')}
        </button>
        {errorText}
      </fieldset>
    );
  }

  const wrap = (control: ReactNode, extra?: ReactNode, ownMessages = false) => (
    <div className={`field${kind === 'boolean' ? ' check' : ''}`}>
      {kind === 'boolean' ? (
        <>
          {control}
          <label htmlFor={id}>{label}</label>
        </>
      ) : (
        <>
          <label htmlFor={id}>
            {label} {!required && <span className="hint">{tr('(ไม่บังคับ)', '(optional)')}</span>}
          </label>
          {hint && <span className="hint">{hint}</span>}
          {control}
        </>
      )}
      {extra}
      {!ownMessages && errorText}
    </div>
  );
  const picker = pickerOf(props.schema) ?? pickerOf(schema);
  if (picker && !ov.options) {
    return (
      <div className="field">
        <PickerField
          kind={picker}
          id={id}
          label={label}
          optional={!required}
          hint={hint}
          value={value}
          onPick={(picked) => (props.onPicked ? props.onPicked(picked) : onChange(picked?.id))}
          describedBy={describedBy}
          invalid={!!error}
          required={required}
        />
        {errorText}
      </div>
    );
  }
  const common = {
    id,
    name: pathKey(path) || 'value',
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': required || undefined,
  };

  if (kind === 'enum' || ov.options) {
    const options = ov.options ?? (schema.enum ?? [schema.const]).map((v) => ({ value: String(v), label: valueLabel(v, schema, lang) }));
    return wrap(
      <select
        {...common}
        value={value === undefined || value === null ? '' : String(value)}
        onChange={(e) =>
          onChange(e.target.value === '' ? undefined : ((schema.enum ?? []).find((v) => String(v) === e.target.value) ?? e.target.value))
        }
      >
        <option value="">{tr('— เลือก —', '— choose —')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>,
    );
  }
  switch (kind) {
    case 'boolean':
      return wrap(<input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />);
    case 'integer':
    case 'number':
      return wrap(
        <input
          {...common}
          type="number"
          inputMode={kind === 'integer' ? 'numeric' : 'decimal'}
          step={kind === 'integer' ? 1 : 'any'}
          {...(schema.minimum !== undefined ? { min: schema.minimum } : {})}
          {...(schema.maximum !== undefined ? { max: schema.maximum } : {})}
          value={value === undefined || value === null ? '' : String(value)}
          onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />,
      );
    case 'date':
    case 'datetime':
      // the field says its own messages (on leaving it, and after a send was tried)
      return wrap(
        <ThaiDateField kind={kind} id={id} name={common.name} required={required} value={value} onChange={onChange} submitError={error} />,
        undefined,
        true,
      );
    case 'time':
      return wrap(
        <input
          {...common}
          type="time"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value || undefined)}
        />,
      );
    case 'longtext':
      return wrap(<textarea {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />);
    case 'json':
      return wrap(
        <textarea
          {...common}
          value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value, null, 2)}
          onChange={(e) => {
            try {
              onChange(JSON.parse(e.target.value));
            } catch {
              onChange(e.target.value);
            }
          }}
        />,
      );
    default:
      return wrap(
        <input {...common} type="text" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />,
      );
  }
}
