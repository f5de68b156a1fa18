/**
 * The office-administration routes answer a user, person, school or role
 * assignment that is not of my office with the generic 404 `ROUTE_NOT_FOUND`
 * and `detail.resource` naming what was not found (docs/api.md). Say which,
 * keeping the stable code.
 */
import { ApiProblem, type Label } from '../../lib/api';

const NOT_FOUND: Record<string, Label> = {
  person: { th: 'ไม่พบบุคคลรหัสนี้ในทะเบียนของสำนักงานเขต', en: 'No person with this id is on the office’s register' },
  school: { th: 'ไม่พบโรงเรียนนี้ในสังกัดสำนักงานเขต', en: 'No school of the office has this id' },
  user: { th: 'ไม่พบผู้ใช้นี้ในสำนักงานเขต', en: 'This user is not of the office' },
  role_assignment: { th: 'ไม่พบการมอบบทบาทนี้ (อาจถูกเพิกถอนไปแล้ว)', en: 'This role assignment was not found (already revoked?)' },
};

export function explainAdminProblem(problem: ApiProblem): ApiProblem {
  if (problem.code !== 'ROUTE_NOT_FOUND') return problem;
  const resource = (problem.detail as { resource?: unknown } | null)?.resource;
  const messages = typeof resource === 'string' ? NOT_FOUND[resource] : undefined;
  return messages ? new ApiProblem(problem.status, problem.code, messages, problem.detail) : problem;
}
