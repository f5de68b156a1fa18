/**
 * A person's name as documents write it: the Thai title joined to the first
 * name ("นางสาวมาลี ใจดี"), the English one without a title. Null when the
 * row has no first name (a left join that found no person).
 */
export function personNameTh(p: { title_th?: string | null; first_name_th: string | null; last_name_th: string | null }): string | null {
  return p.first_name_th ? `${p.title_th ?? ''}${p.first_name_th} ${p.last_name_th ?? ''}`.trim() : null;
}

export function personNameEn(p: { first_name_en: string | null; last_name_en: string | null }): string | null {
  return p.first_name_en ? `${p.first_name_en} ${p.last_name_en ?? ''}`.trim() : null;
}
