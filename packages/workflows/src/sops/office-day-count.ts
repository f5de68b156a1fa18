/**
 * The SOP versions whose "วัน" the office decides (issue 18): the manual never
 * says วันทำการ, so version 1 of each SOP counts calendar days, a constant in
 * the workflow. From these versions on a day count the source leaves open is
 * an `office_days` deadline: calendar or working days as the office's
 * day-count policy in force when the clock opens says (docs/sla.md "The
 * office's day-count policy"; default calendar days, what the sources imply).
 * Nothing else changes: the machine, the steps, their phrases and sources.
 */
import { defineWorkflow, type WorkflowDefinition } from '@esa-flow/engine';

type Deadline = Record<string, unknown> & { kind: string };

const POLICY_NOTE = 'calendar or working days as the office’s day-count policy says when the clock opens (default: calendar days)';

const withNote = (note: unknown): string => (typeof note === 'string' && note ? `${note}; ${POLICY_NOTE}` : POLICY_NOTE);

/** A step deadline with its day count handed to the office's policy; other kinds unchanged. */
export function officeDayCountOf(deadline: unknown): unknown {
  const d = deadline as Deadline | undefined;
  if (!d) return deadline;
  if (d.kind === 'calendar_days') return { ...d, kind: 'office_days', note: withNote(d.note) };
  if (d.kind === 'range' && d.unit === 'calendar_days') {
    const { unit: _unit, ...rest } = d;
    return { ...rest, kind: 'office_days', note: withNote(d.note) };
  }
  const plus = d.plus as { unit?: string } | undefined;
  if (d.kind === 'from_data' && plus?.unit === 'calendar_days')
    return { ...d, plus: { ...plus, unit: 'office_days' }, note: withNote(d.note) };
  return deadline;
}

/** The next version of an SOP: the same definition, its day counts read from the office's policy. */
export function withOfficeDayCount(def: WorkflowDefinition, version: number): WorkflowDefinition {
  const { key: _key, contentHash: _hash, leafSteps: _leaves, ...config } = def;
  const steps = Object.fromEntries(
    Object.entries(config.steps).map(([path, meta]) => [
      path,
      meta.deadline === undefined ? meta : { ...meta, deadline: officeDayCountOf(meta.deadline) },
    ]),
  ) as typeof config.steps;
  return defineWorkflow({ ...config, version, steps });
}
