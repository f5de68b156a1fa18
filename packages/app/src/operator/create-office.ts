/**
 * `pnpm esa office create`: an office (สพป./สพม.) and its first administrator.
 * Safe to run again: the same office with the same administrator is reported
 * as already there (its password is not shown again); a code or a username
 * that belongs to something else is refused.
 */
import { EsaError, insertOfficeWithAdmin, type Engine } from '@esa-flow/engine';
import { hashPassword } from '@esa-flow/server';
import { oneTimePassword } from './one-time-password';

export interface NewOffice {
  code: string;
  nameTh: string;
  nameEn: string;
  level: 'primary' | 'secondary';
  adminUsername: string;
  adminNameTh?: string | undefined;
  adminEmail?: string | undefined;
  /** from ESA_FLOW_ADMIN_PASSWORD; unset: a one-time password that must be changed at first sign-in */
  adminPassword?: string | undefined;
}

export type CreateOfficeResult =
  | { created: true; officeId: string; userId: string; oneTimePassword: string | null }
  | { created: false; officeId: string; userId: string };

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/;
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export function validateNewOffice(input: NewOffice): void {
  const issues: { path: string; message: string }[] = [];
  if (!CODE.test(input.code))
    issues.push({ path: 'code', message: 'รหัสสำนักงาน 2–40 ตัว อักษรละติน ตัวเลข - หรือ _ / office code: 2–40 Latin letters, digits, - or _' });
  if (input.nameTh.trim().length < 3) issues.push({ path: 'name-th', message: 'ต้องระบุชื่อภาษาไทย / the Thai name is required' });
  if (input.nameEn.trim().length < 3) issues.push({ path: 'name-en', message: 'ต้องระบุชื่อภาษาอังกฤษ / the English name is required' });
  if (!USERNAME.test(input.adminUsername))
    issues.push({
      path: 'admin',
      message: 'ชื่อผู้ใช้ 3–40 ตัว อักษรละตินตัวเล็ก ตัวเลข . _ - / username: 3–40 lower-case Latin letters, digits, . _ -',
    });
  if (input.adminPassword !== undefined && input.adminPassword.length < 10)
    issues.push({ path: 'ESA_FLOW_ADMIN_PASSWORD', message: 'รหัสผ่านอย่างน้อย 10 ตัว / at least 10 characters' });
  if (issues.length > 0) throw new EsaError('INVALID_PAYLOAD', { issues });
}

export async function createOffice(engine: Engine, input: NewOffice): Promise<CreateOfficeResult> {
  validateNewOffice(input);
  const password = input.adminPassword ?? oneTimePassword();
  const hash = await hashPassword(password);
  const { adminPassword, ...office } = input;
  const inserted = await insertOfficeWithAdmin(engine, { ...office, passwordHash: hash, mustChangePassword: adminPassword === undefined });
  return inserted.created ? { ...inserted, oneTimePassword: adminPassword === undefined ? password : null } : inserted;
}
