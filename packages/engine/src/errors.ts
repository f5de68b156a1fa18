/**
 * The one error catalogue of esa-flow.
 *
 * Every error a caller can see has a stable code (never reused, never renamed),
 * an HTTP status for the API layer, and a message in Thai first and English second.
 * `docs/errors.md` lists the same codes; a test keeps the two in sync.
 */
export const ERROR_CATALOGUE = {
  CASE_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบเรื่องที่ระบุ',
    en: 'The case does not exist or you may not see it.',
  },
  WORKFLOW_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบกระบวนงานหรือรุ่นของกระบวนงานที่ระบุ',
    en: 'The workflow or workflow version does not exist.',
  },
  WORKFLOW_VERSION_CHANGED: {
    status: 409,
    th: 'กระบวนงานรุ่นนี้ถูกเผยแพร่แล้วด้วยเนื้อหาอื่น ต้องเผยแพร่เป็นรุ่นใหม่',
    en: 'This workflow version was already published with different content; publish a new version.',
  },
  WORKFLOW_VERSION_IN_USE: {
    status: 409,
    th: 'ยังมีเรื่องที่ดำเนินการอยู่ในกระบวนงานรุ่นนี้ จึงถอดรุ่นนี้ออกไม่ได้',
    en: 'Open cases still run on this workflow version; it cannot be removed.',
  },
  INVALID_WORKFLOW_DEFINITION: {
    status: 500,
    th: 'นิยามกระบวนงานไม่ถูกต้อง',
    en: 'The workflow definition is invalid.',
  },
  EVENT_NOT_ALLOWED: {
    status: 409,
    th: 'ไม่สามารถดำเนินการนี้ได้ในขั้นตอนปัจจุบันของเรื่อง',
    en: 'This action is not possible at the current step of the case.',
  },
  UNKNOWN_EVENT: {
    status: 400,
    th: 'ไม่รู้จักการดำเนินการที่ระบุในกระบวนงานนี้',
    en: 'The workflow does not know this action.',
  },
  INVALID_PAYLOAD: {
    status: 400,
    th: 'ข้อมูลที่ส่งมาไม่ถูกต้อง',
    en: 'The submitted data is invalid.',
  },
  INVALID_INPUT: {
    status: 400,
    th: 'ข้อมูลสำหรับเปิดเรื่องไม่ถูกต้อง',
    en: 'The data to open the case is invalid.',
  },
  REVISION_CONFLICT: {
    status: 412,
    th: 'เรื่องนี้ถูกแก้ไขโดยผู้อื่นแล้ว กรุณาโหลดข้อมูลใหม่แล้วลองอีกครั้ง',
    en: 'Someone else changed this case first; reload it and try again.',
  },
  FORBIDDEN: {
    status: 403,
    th: 'ท่านไม่มีสิทธิ์ดำเนินการนี้',
    en: 'You are not allowed to do this.',
  },
  UNAUTHENTICATED: {
    status: 401,
    th: 'กรุณาเข้าสู่ระบบ',
    en: 'Please sign in.',
  },
  SIGN_IN_FAILED: {
    status: 401,
    th: 'ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง',
    en: 'The username or password is wrong.',
  },
  /** no longer answered by sign-in, which answers SIGN_IN_FAILED while a source backs off (docs/access.md); codes are never reused */
  ACCOUNT_LOCKED: {
    status: 423,
    th: 'บัญชีถูกระงับชั่วคราวเนื่องจากใส่รหัสผ่านผิดหลายครั้ง กรุณาลองใหม่ภายหลัง',
    en: 'The account is locked for a while after repeated failed sign-ins; try again later.',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    th: 'ต้องตั้งรหัสผ่านใหม่ก่อนใช้งาน เพราะรหัสผ่านนี้ผู้อื่นเป็นผู้กำหนดให้',
    en: 'Set a new password first: this one was set by someone else.',
  },
  CURRENT_PASSWORD_WRONG: {
    status: 403,
    th: 'รหัสผ่านปัจจุบันไม่ถูกต้อง',
    en: 'The current password is wrong.',
  },
  PASSWORD_POLICY_UNMET: {
    status: 400,
    th: 'รหัสผ่านใหม่ไม่เป็นไปตามเงื่อนไข',
    en: 'The new password does not meet the password rules.',
  },
  RATE_LIMITED: {
    status: 429,
    th: 'มีคำขอมากเกินไป กรุณารอสักครู่แล้วลองใหม่',
    en: 'Too many requests; wait a moment and try again.',
  },
  CSRF_REFUSED: {
    status: 403,
    th: 'คำขอนี้ไม่ได้มาจากหน้าเว็บของระบบ จึงไม่ดำเนินการ',
    en: 'This request did not come from the application’s own pages; refused.',
  },
  TOKEN_READ_ONLY: {
    status: 403,
    th: 'โทเคนนี้ใช้ได้เฉพาะการอ่านข้อมูล',
    en: 'This token may only read.',
  },
  TOKEN_NEEDS_SIGN_IN: {
    status: 403,
    th: 'ออกโทเคนได้เฉพาะเมื่อเข้าสู่ระบบด้วยรหัสผ่าน ไม่ใช่ด้วยโทเคนอื่น',
    en: 'Tokens are issued only to a user signed in with their password, not to another token.',
  },
  TOKEN_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบโทเคนที่ระบุ',
    en: 'The token does not exist or you may not see it.',
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบหน้าหรือบริการที่ร้องขอ',
    en: 'There is no such page or endpoint.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    th: 'รหัสป้องกันการส่งซ้ำนี้ถูกใช้กับคำขออื่นแล้ว',
    en: 'This idempotency key was already used for a different request.',
  },
  USER_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบผู้ใช้ที่ระบุ',
    en: 'The user does not exist.',
  },
  OFFICE_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบสำนักงานเขตพื้นที่การศึกษาที่ระบุ',
    en: 'The educational service area office does not exist.',
  },
  SCHOOL_NOT_IN_OFFICE: {
    status: 400,
    th: 'โรงเรียนที่ระบุไม่ได้อยู่ในสังกัดสำนักงานเขตพื้นที่การศึกษานี้',
    en: 'The school does not belong to this office.',
  },
  PERSON_NOT_IN_OFFICE: {
    status: 400,
    th: 'บุคคลที่ระบุไม่ได้อยู่ในสังกัดสำนักงานเขตพื้นที่การศึกษานี้',
    en: 'The person does not belong to this office.',
  },
  CALENDAR_DAY_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบวันหยุดที่ระบุ',
    en: 'The holiday or closure does not exist.',
  },
  CALENDAR_OUT_OF_RANGE: {
    status: 422,
    th: 'วันที่อยู่นอกช่วงปีที่ปฏิทินวันหยุดราชการรองรับ จึงคำนวณกำหนดเวลาไม่ได้',
    en: 'The date is outside the years the holiday calendar covers, so no deadline can be computed.',
  },
  COMMITTEE_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบคณะกรรมการที่ระบุ',
    en: 'The committee does not exist or you may not see it.',
  },
  MEETING_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบการประชุมที่ระบุ',
    en: 'The meeting does not exist or you may not see it.',
  },
  AGENDA_ITEM_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบวาระการประชุมที่ระบุ',
    en: 'The agenda item does not exist or you may not see it.',
  },
  MEETING_STATE_CONFLICT: {
    status: 409,
    th: 'สถานะของการประชุมไม่อนุญาตให้ดำเนินการนี้',
    en: 'The meeting is not in a state that allows this.',
  },
  QUORUM_NOT_MET: {
    status: 409,
    th: 'องค์ประชุมไม่ครบ จึงลงมติไม่ได้',
    en: 'There is no quorum, so no resolution can be recorded.',
  },
  MEMBER_RECUSED: {
    status: 409,
    th: 'กรรมการผู้นี้มีส่วนได้เสียและถอนตัวจากวาระนี้แล้ว จึงลงคะแนนไม่ได้',
    en: 'This member is recused from this item and may not vote on it.',
  },
  MEMBER_NOT_PRESENT: {
    status: 409,
    th: 'กรรมการผู้นี้ไม่ได้เข้าร่วมประชุม จึงลงคะแนนไม่ได้',
    en: 'This member is not present at the meeting and may not vote.',
  },
  RESOLUTION_NOT_APPLICABLE: {
    status: 409,
    th: 'ไม่สามารถนำมติไปใช้กับเรื่องนี้ได้ จึงยกเลิกการบันทึกมติทั้งหมดของการประชุม',
    en: 'A resolution cannot be applied to its case, so none of the meeting’s resolutions were applied.',
  },
  SELF_DEALING_REFUSED: {
    status: 403,
    th: 'ท่านเป็นเจ้าของเรื่องนี้ จึงพิจารณา อนุมัติ ประเมิน ให้คะแนน หรือลงมติในเรื่องของตนเองไม่ได้',
    en: 'This case is about you: you may not approve, appraise, score or vote on it.',
  },
  COMMITTEE_SEAT_TAKEN: {
    status: 409,
    th: 'บุคคลนี้เป็นกรรมการในคณะกรรมการนี้ในวาระที่ซ้อนกันอยู่แล้ว คนหนึ่งนั่งได้เพียงตำแหน่งเดียว',
    en: 'This person already holds a seat on this committee for an overlapping term; one person holds one seat.',
  },
  ROLE_NEEDS_SCHOOL: {
    status: 422,
    th: 'บทบาทนี้เป็นบทบาทในโรงเรียน ต้องระบุโรงเรียนในสังกัดสำนักงานเขต',
    en: 'This is a school role: name a school of the office.',
  },
  ROLE_TAKES_NO_SCHOOL: {
    status: 422,
    th: 'บทบาทนี้เป็นบทบาทของสำนักงานเขต ไม่ต้องระบุโรงเรียน',
    en: 'This is an office role: it is granted for the whole office, without a school.',
  },
  LAST_ADMIN_GRANT: {
    status: 409,
    th: 'เพิกถอนบทบาทผู้ดูแลระบบคนสุดท้ายของสำนักงานเขตไม่ได้ กรุณามอบบทบาทผู้ดูแลระบบให้ผู้อื่นก่อน',
    en: 'This is the office’s last admin grant; grant admin to someone else first.',
  },
  CYCLE_CLOSED: {
    status: 409,
    th: 'รอบดำเนินการนี้ปิดแล้วหรือไม่อยู่ในขั้นตอนที่เปิดเรื่องย่อยได้',
    en: 'This cycle is finished or not at a step where child cases can be opened.',
  },
  ROUND_STEP_NOT_READY: {
    status: 409,
    th: 'ขั้นตอนนี้ของรอบยังดำเนินการไม่ได้ เพราะยังมีเรื่องของบุคคลที่ยังไม่ถึงขั้นตอนนี้ หรือยังไม่ถึงกำหนดเวลา',
    en: 'This step of the round cannot be taken yet: some people’s cases have not reached it, or its date has not come.',
  },
  ALLOCATION_POOL_EXCEEDED: {
    status: 422,
    th: 'การจัดสรรนี้เกินวงเงินของกลุ่ม ให้ลดร้อยละที่กำหนดรายบุคคลหรือช่วงร้อยละของระดับ',
    en: 'This allocation exceeds a pool’s budget: lower the people’s decided % or the bands’ ranges.',
  },
  ALLOCATION_RANGES_INVALID: {
    status: 422,
    th: 'ช่วงร้อยละของระดับผลการประเมินไม่ถูกต้อง (ต่ำสุดไม่เกินสูงสุด ไม่เกินเพดาน และระดับที่สูงกว่าไม่ต่ำกว่าระดับที่ต่ำกว่า)',
    en: 'The bands’ % ranges are not valid (lowest not above highest, within the cap, a higher band not below a lower one).',
  },
  ALLOCATION_OVERRIDE_INVALID: {
    status: 422,
    th: 'ร้อยละที่กำหนดรายบุคคลใช้ไม่ได้ ต้องเป็นผู้อยู่ในรอบที่ได้เลื่อนตามระดับ และอยู่ในช่วงร้อยละของระดับของผู้นั้น',
    en: 'A decided % cannot stand: the person must be in the round, in a band that is raised, and the % within that band’s range.',
  },
  ALLOCATION_NOT_BY_RANGES: {
    status: 409,
    th: 'รอบนี้ไม่ได้จัดสรรตามช่วงร้อยละและกลุ่มวงเงิน (รอบเดิมหรือรอบที่ใช้โควตา)',
    en: 'This round is not allocated by band ranges and pools (an older round, or a quota round).',
  },
  CYCLE_OPENING_IN_PROGRESS: {
    status: 409,
    th: 'กำลังเปิดเรื่องย่อยของรอบดำเนินการนี้อยู่ กรุณารอให้เสร็จก่อน',
    en: 'Child cases of this cycle are being opened right now; wait until that finishes.',
  },
  SCHEMA_TOO_NEW: {
    status: 500,
    th: 'ฐานข้อมูลมีโครงสร้างใหม่กว่าที่โปรแกรมรุ่นนี้รู้จัก',
    en: 'The database schema is newer than this version of the program knows.',
  },
  SCHEMA_NOT_MIGRATED: {
    status: 503,
    th: 'ฐานข้อมูลยังไม่ได้ปรับโครงสร้างให้ตรงกับโปรแกรมรุ่นนี้ ให้ผู้ดูแลระบบสั่ง pnpm migrate',
    en: 'The database is not migrated to this release; an operator must run pnpm migrate.',
  },
  WORKFLOWS_NOT_PUBLISHED: {
    status: 503,
    th: 'ยังไม่ได้เผยแพร่กระบวนงานของโปรแกรมรุ่นนี้ในฐานข้อมูล ให้ผู้ดูแลระบบสั่ง pnpm migrate',
    en: 'The workflow versions of this release are not published in the database; an operator must run pnpm migrate.',
  },
  CONFIG_INVALID: {
    status: 500,
    th: 'การตั้งค่าระบบไม่ถูกต้อง',
    en: 'The configuration is invalid.',
  },
  NOTIFICATION_NO_ADDRESS: {
    status: 422,
    th: 'ผู้รับไม่มีที่อยู่อีเมล จึงส่งการแจ้งเตือนไม่ได้',
    en: 'The recipient has no e-mail address, so the notification cannot be sent.',
  },
  NOTIFICATION_KIND_UNKNOWN: {
    status: 500,
    th: 'ไม่รู้จักประเภทของการแจ้งเตือนนี้',
    en: 'The notification is of a kind the mailer does not know.',
  },
  NOTIFICATION_RECIPIENT_DISABLED: {
    status: 409,
    th: 'ไม่ส่งการแจ้งเตือน เพราะบัญชีผู้รับถูกระงับแล้ว',
    en: 'Not sent: the recipient’s account is disabled.',
  },
  MAIL_REJECTED: {
    status: 502,
    th: 'เซิร์ฟเวอร์อีเมลปฏิเสธข้อความนี้อย่างถาวร',
    en: 'The mail server refused the message for good.',
  },
  MAIL_DEFERRED: {
    status: 503,
    th: 'เซิร์ฟเวอร์อีเมลยังรับข้อความไม่ได้ในขณะนี้ ระบบจะลองส่งใหม่ภายหลัง',
    en: 'The mail server could not take the message now; it will be tried again later.',
  },
  MAIL_DELIVERY_INTERRUPTED: {
    status: 503,
    th: 'การส่งอีเมลหยุดกลางคันเพราะตัวส่งหยุดทำงาน ระบบจะลองส่งใหม่',
    en: 'Sending stopped part-way because the deliverer stopped; it will be tried again.',
  },
  INPUT_CHARACTER_NOT_ALLOWED: {
    status: 400,
    th: 'ข้อมูลที่ส่งมามีอักขระที่ใช้ไม่ได้ (อักขระ NUL หรือรหัสยูนิโคดที่ไม่สมบูรณ์)',
    en: 'The submitted data contains a character that is not allowed (a NUL or a broken Unicode surrogate).',
  },
  INPUT_TOO_DEEP: {
    status: 400,
    th: 'ข้อมูล JSON ที่ส่งมาซ้อนกันลึกเกินกำหนด',
    en: 'The submitted JSON is nested too deeply.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    th: 'ข้อมูลที่ส่งมามีขนาดใหญ่เกินกำหนด',
    en: 'The submitted data is too large.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    th: 'บริการนี้ไม่รับข้อมูลประเภทนี้ (ตรวจสอบ Content-Type)',
    en: 'This endpoint does not accept this type of content (check the Content-Type).',
  },
  IMPORT_TOO_LARGE: {
    status: 413,
    th: 'ไฟล์นำเข้ามีจำนวนแถวหรือจำนวนคอลัมน์เกินกำหนด',
    en: 'The import file has more rows or columns than allowed.',
  },
  FILE_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบไฟล์ที่ระบุ หรือท่านไม่มีสิทธิ์เปิดไฟล์นี้',
    en: 'The file does not exist or you may not see it.',
  },
  FILE_TOO_LARGE: {
    status: 413,
    th: 'ไฟล์มีขนาดใหญ่เกินกำหนด',
    en: 'The file is larger than allowed.',
  },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    th: 'ไม่รับไฟล์ประเภทนี้ (ตรวจจากเนื้อไฟล์ ไม่ใช่จากชื่อไฟล์) รับเฉพาะ PDF, PNG และ JPEG',
    en: 'This type of file is not accepted (judged from its content, not its name); PDF, PNG and JPEG are.',
  },
  FILE_EMPTY: {
    status: 400,
    th: 'ไฟล์ว่าง ไม่มีข้อมูล',
    en: 'The file is empty.',
  },
  DOCUMENT_NUMBER_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบเลขที่หนังสือที่ระบุในทะเบียนของสำนักงาน',
    en: "The document number does not exist in the office's register, or you may not see it.",
  },
  DOCUMENT_NUMBER_CANCELLED: {
    status: 409,
    th: 'เลขที่หนังสือนี้ถูกยกเลิกไปแล้ว เลขที่ยกเลิกจะไม่นำกลับมาใช้อีก',
    en: 'This document number was already cancelled; a cancelled number is never used again.',
  },
  QUERY_TIMEOUT: {
    status: 503,
    th: 'การค้นหาข้อมูลใช้เวลานานเกินกำหนดจึงถูกยกเลิก กรุณาลองใหม่หรือจำกัดเงื่อนไขให้แคบลง',
    en: 'The database query took too long and was cancelled; try again or narrow the request.',
  },
  DOCUMENT_RENDERER_UNAVAILABLE: {
    status: 503,
    th: 'ระบบสร้างเอกสาร PDF ไม่พร้อมใช้งาน (ไม่พบโปรแกรม Chromium บนเครื่องแม่ข่าย) กรุณาแจ้งผู้ดูแลระบบ',
    en: 'Official documents cannot be made as PDF right now (Chromium is missing on the server); tell the administrator.',
  },
  DOCUMENT_NOT_READY: {
    status: 409,
    th: 'ยังออกเอกสารนี้ไม่ได้ในขั้นตอนปัจจุบันของเรื่อง',
    en: 'This document cannot be issued at the current step.',
  },
  DOCUMENT_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบเอกสารที่ขอ (เช่น คำสั่งลำดับนั้นหรือบุคคลนั้นไม่มีในรอบนี้)',
    en: 'There is no such document (e.g. no order with that number or no such person in this round).',
  },
  DEADLINE_PASSED: {
    status: 409,
    th: 'พ้นกำหนดเวลาของการดำเนินการนี้แล้ว',
    en: 'The time allowed for this action has passed.',
  },
  OCCURRED_AT_IN_FUTURE: {
    status: 400,
    th: 'วันเวลาที่เกิดเหตุการณ์ต้องไม่เป็นวันเวลาในอนาคต',
    en: 'The moment the event happened may not be in the future.',
  },
  OCCURRED_AT_TOO_EARLY: {
    status: 400,
    th: 'วันเวลาที่เกิดเหตุการณ์ต้องไม่ก่อนวันเวลาที่เรื่องมาถึงขั้นตอนนี้',
    en: 'The moment the event happened may not be earlier than the moment the case reached this point.',
  },
  NO_DEADLINE_TO_EXTEND: {
    status: 409,
    th: 'ขั้นตอนปัจจุบันไม่มีกำหนดเวลาที่ขยายได้',
    en: 'The current step has no deadline that can be extended.',
  },
  INVALID_EXTENSION: {
    status: 400,
    th: 'กำหนดเวลาใหม่ต้องอยู่หลังกำหนดเดิมและหลังเวลาปัจจุบัน และต้องระบุเหตุผล',
    en: 'The new deadline must be after the current one and after now, with a reason.',
  },
  SYSTEM_ONLY_EVENT: {
    status: 403,
    th: 'การดำเนินการนี้ระบบเป็นผู้บันทึกเท่านั้น (เช่น ผลการจับคู่ได้จากการประมวลผลของรอบ) ไม่สามารถส่งด้วยตนเองได้',
    en: 'Only the system records this action (e.g. a matching result comes from the round’s matching run); it cannot be sent by hand.',
  },
  MATCHING_NOT_RUN: {
    status: 409,
    th: 'ยังไม่มีผลการประมวลผลจับคู่ของรอบนี้ กรุณาสั่งประมวลผลจับคู่ก่อน',
    en: 'The round has no matching run yet; run the matching first.',
  },
  MATCHING_STALE: {
    status: 409,
    th: 'ผลการจับคู่ที่ใช้อยู่ไม่ตรงกับคำขอในขณะนี้ (คำขอหรือตำแหน่งว่างเปลี่ยนไปหลังการประมวลผล หรืออ้างผลการประมวลผลครั้งอื่น) กรุณาประมวลผลจับคู่ใหม่',
    en: 'The matching in force no longer fits the requests (they or the vacancies changed since it ran, or another run was named); run the matching again.',
  },
  TRANSFER_NOT_ELIGIBLE: {
    status: 400,
    th: 'คำขอย้ายไม่เป็นไปตามหลักเกณฑ์ของรอบ ดูเหตุผลแต่ละข้อและแก้ไขก่อนยื่นใหม่',
    en: 'The transfer request does not meet the round’s rules; see each reason and fix it before filing again.',
  },
  SCORES_INCOMPLETE: {
    status: 400,
    th: 'บันทึกคะแนนไม่ครบทุกองค์ประกอบ หรือเลือกระดับคะแนนที่ไม่มีในตารางคะแนนของรอบ ให้เลือกระดับจากตารางคะแนนให้ครบทุกองค์ประกอบ',
    en: 'Scores are missing for some components, or name a level the round’s scoring table does not have; pick a level from the table for every component.',
  },
  SCORES_NEED_ANOTHER_USER: {
    status: 409,
    th: 'คะแนนต้องยืนยันโดยผู้อื่น ผู้บันทึกคะแนนยืนยันหรือโต้แย้งคะแนนที่ตนบันทึกไม่ได้ ให้เจ้าหน้าที่อีกคนหนึ่งหรือผู้อำนวยการกลุ่มเป็นผู้ตรวจ',
    en: 'Scores must be verified by someone else: whoever entered them cannot verify or dispute them; another officer or the group director must check them.',
  },
  CORRECTION_DUE_PASSED: {
    status: 409,
    th: 'พ้นกำหนดแก้ไขคำขอที่ถูกส่งคืนแล้ว (ถือว่าสละสิทธิ์) ยื่นคำขอได้ในรอบถัดไป',
    en: 'The fix-by moment of the returned request has passed (the request lapses); file again in the next round.',
  },
  FIX_BY_OUT_OF_RANGE: {
    status: 400,
    th: 'กำหนดให้แก้ไขต้องเป็นวันเวลาหลังปัจจุบัน และไม่เกินกำหนดแก้ไขคำขอของรอบ (correctionUntil)',
    en: 'The fix-by moment must be after now and not after the round’s correction deadline (correctionUntil).',
  },
  ORDER_SIGNER_MISMATCH: {
    status: 403,
    th: 'ผู้ลงนามคำสั่งย้ายไม่ใช่ผู้มีอำนาจตามมาตรา 53: ครูและครูผู้ช่วยที่ไม่มีวิทยฐานะ ผู้อำนวยการสถานศึกษาเป็นผู้สั่ง ตั้งแต่ชำนาญการขึ้นไป ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาเป็นผู้สั่ง',
    en: 'The signer is not the ม.53 authority: the school director orders teachers without academic standing, the area director from ชำนาญการ up.',
  },
  REPORT_BY_NOT_FUTURE: {
    status: 400,
    th: 'วันเวลาที่ต้องรายงานตัวตามคำสั่งต้องอยู่หลังวันเวลาที่ลงนาม',
    en: 'The report-by moment of the order must be after the moment it is signed.',
  },
  REPORT_DUE_PASSED: {
    status: 409,
    th: 'พ้นกำหนดรายงานตัวตามคำสั่งย้ายแล้ว ระบบจะบันทึกว่าไม่ไปรายงานตัว',
    en: 'The report-by moment of the order has passed; the system records that the teacher did not report.',
  },
  ROUND_PHASE_NOT_DUE: {
    status: 409,
    th: 'ยังไม่ถึงวันเวลาของขั้นตอนนี้ตามปฏิทินของรอบ (หรือยังไม่มีตำแหน่งว่าง) ดูวันเวลาที่กำหนดในรายละเอียด',
    en: 'The round’s calendar does not allow this step yet (or no vacancy is posted); see the moment in the details.',
  },
  DPA_ROW_INVALID: {
    status: 400,
    th: 'แถวนี้กรอกไม่ครบหรือไม่ตรงรูปแบบของแบบฟอร์มนำเข้าคำขอจากระบบ DPA ดูรายละเอียดแต่ละช่อง แก้ไขแล้วส่งไฟล์ใหม่',
    en: 'The row is incomplete or does not follow the DPA import template; see each cell’s problem, fix it and send the file again.',
  },
  DPA_PERSON_UNKNOWN: {
    status: 400,
    th: 'ไม่พบบุคลากรที่มีเลขประจำตัวประชาชนหรือเลขที่ตำแหน่งนี้ในทะเบียนบุคลากรของสำนักงานเขตพื้นที่การศึกษา (หรือเลขที่ตำแหน่งตรงกับมากกว่าหนึ่งคน) ตรวจเลขกับข้อมูลในระบบ DPA',
    en: 'No one in the office’s personnel records has this citizen id or position number (or the position number matches more than one person); check the numbers against DPA.',
  },
  DPA_REF_TAKEN: {
    status: 409,
    th: 'เลขที่คำขอ DPA นี้นำเข้าในสำนักงานเขตพื้นที่การศึกษานี้แล้วสำหรับบุคลากรอีกคนหนึ่ง ตรวจเลขที่คำขอกับระบบ DPA',
    en: 'This DPA request number was already imported in this office for another person; check the number against DPA.',
  },
  DPA_ALREADY_FILED: {
    status: 409,
    th: 'บุคลากรผู้นี้มีคำขอวิทยฐานะเดียวกันที่ยังดำเนินการอยู่ในระบบแล้ว จึงไม่สร้างคำขอซ้ำ ตรวจคำขอเดิมในรายการเรื่อง',
    en: 'This person already has a running request for the same academic standing here, so none is filed twice; see the existing request in the case list.',
  },
  SCORE_SHEET_TEACHER_UNKNOWN: {
    status: 400,
    th: 'แถวนี้ไม่ตรงกับคำขอย้ายใดของรอบนี้ ตรวจเลขประจำตัวประชาชนให้ตรงกับแผ่นงานที่ดาวน์โหลด',
    en: 'The row names no transfer request of this round; check the citizen id against the sheet as downloaded.',
  },
  SWAP_PARTNER_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบครูผู้ขอสับเปลี่ยนที่มีเลขประจำตัวประชาชนนี้ในสำนักงานเขตพื้นที่การศึกษาของรอบนี้ ตรวจเลขกับผู้ขอสับเปลี่ยนอีกครั้ง',
    en: 'No teacher of this round’s office has this citizen id (or it is your own); check the number with the teacher you swap with.',
  },
  SCORE_SHEET_ROW_NOT_OPEN: {
    status: 409,
    th: 'คำขอนี้ไม่อยู่ในขั้นตอนบันทึกคะแนนหรือยืนยันคะแนนแล้ว (ขั้นตอนปัจจุบันในรายละเอียด) ดาวน์โหลดตารางคะแนนใหม่',
    en: 'This request no longer waits for scores or their verification (its step is in the details); download the score sheet again.',
  },
  TRS_ROW_INVALID: {
    status: 400,
    th: 'แถวนี้กรอกไม่ครบหรือไม่ตรงรูปแบบของแบบฟอร์มนำเข้าคำขอย้ายจากระบบ TRS ดูรายละเอียดแต่ละช่อง แก้ไขแล้วส่งไฟล์ใหม่',
    en: 'The row is incomplete or does not follow the TRS import template; see each cell’s problem, fix it and send the file again.',
  },
  TRS_TEACHER_UNKNOWN: {
    status: 400,
    th: 'ไม่พบข้าราชการครูที่มีเลขประจำตัวประชาชนนี้ในทะเบียนบุคลากรของสำนักงานเขตพื้นที่การศึกษาของรอบ (หรือยังไม่ได้ระบุสถานศึกษาปัจจุบัน) ตรวจเลขกับข้อมูลในระบบ TRS',
    en: 'No teacher of the round’s office with a current school has this citizen id in the personnel records; check the number against TRS.',
  },
  TRS_REF_TAKEN: {
    status: 409,
    th: 'เลขที่คำขอ TRS นี้นำเข้าในรอบนี้แล้วสำหรับครูอีกคนหนึ่ง ตรวจเลขที่คำขอกับระบบ TRS',
    en: 'This TRS request number was already imported in this round for another teacher; check the number against TRS.',
  },
  RECEIVING_AREA_BY_EXCHANGE: {
    status: 409,
    th: 'คำขอนี้ส่งไปให้เขตพื้นที่การศึกษาที่รับย้ายพิจารณาในระบบแล้ว มติของ อ.ก.ค.ศ. เขตที่รับย้ายจะส่งกลับมาที่คำขอโดยระบบ ไม่ต้องบันทึกเอง',
    en: 'This request was forwarded to the receiving area on esa-flow; its sub-committee’s resolution comes back to the request through the system and is not recorded by hand.',
  },
  FORWARDED_LIST_MISSING: {
    status: 409,
    th: 'ยังไม่ได้บันทึกหนังสือส่งรายชื่อไปยังเขตพื้นที่การศึกษาที่รับย้าย (วันที่ส่งและเลขที่หนังสือ) หรือวันที่มติก่อนวันที่ส่งหนังสือ บันทึกหนังสือส่งก่อนแล้วจึงบันทึกมติที่ได้รับกลับมา',
    en: 'The list sent to the receiving area by letter (its date and number) is not recorded, or the resolution is dated before it; record the letter first, then the resolution returned.',
  },
  TRANSFER_EXCHANGE_NOT_FOUND: {
    status: 404,
    th: 'ไม่พบคำขอย้ายที่ส่งมาจากเขตพื้นที่อื่นรายการนี้ หรือท่านไม่มีสิทธิ์เข้าถึง',
    en: 'No such request forwarded from another area, or you may not see it.',
  },
  TRANSFER_EXCHANGE_NOT_RANKED: {
    status: 409,
    th: 'คำขอย้ายจากเขตพื้นที่อื่นนี้ยังไม่ได้จัดลำดับในการประมวลผลจับคู่ที่เสนอต่อคณะกรรมการของรอบ ให้ประมวลผลและเสนอผลการจับคู่ก่อนบันทึกมติ',
    en: 'This request from another area has not been ranked by a published matching of the round yet; run and publish the matching before recording the resolution.',
  },
  TRANSFER_EXCHANGE_DECIDED: {
    status: 409,
    th: 'บันทึกมติ อ.ก.ค.ศ. ของคำขอย้ายจากเขตพื้นที่อื่นนี้ไปแล้วด้วยมติอื่น และส่งกลับเขตต้นทางแล้ว',
    en: 'A different resolution was already recorded for this request from another area and returned to the sending area.',
  },
  TRANSFER_EXCHANGE_NOT_AT_ORDER: {
    status: 409,
    th: 'คำขอย้ายนี้ยังไม่อยู่ในขั้นตอนออกคำสั่งย้าย (ต้องผ่านมติของทั้งสองเขตพื้นที่ก่อน) หรือออกคำสั่งแล้ว',
    en: 'This request is not waiting for its order (both areas must approve it first), or its order was signed already.',
  },
  INTERNAL: {
    status: 500,
    th: 'เกิดข้อผิดพลาดภายในระบบ',
    en: 'An internal error occurred.',
  },
} as const satisfies Record<string, { status: number; th: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Structured detail about what was wrong, safe to show to the caller. */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/** The only error type the engine throws on purpose. */
export class EsaError extends Error {
  override readonly name = 'EsaError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly messageTh: string;
  readonly messageEn: string;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, details?: ErrorDetails, options?: { cause?: unknown }) {
    const entry = ERROR_CATALOGUE[code];
    super(`${code}: ${entry.en}`, options);
    this.code = code;
    this.status = entry.status;
    this.messageTh = entry.th;
    this.messageEn = entry.en;
    this.details = details;
  }

  toJSON(): { code: ErrorCode; message: { th: string; en: string }; details?: ErrorDetails } {
    return {
      code: this.code,
      message: { th: this.messageTh, en: this.messageEn },
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export function isEsaError(error: unknown, code?: ErrorCode): error is EsaError {
  return error instanceof EsaError && (code === undefined || error.code === code);
}

/** Turns anything thrown into an Error, at each catch boundary. */
export function coerceError(error: unknown): Error {
  if (error instanceof Error) return error;
  return new Error(typeof error === 'string' ? error : JSON.stringify(error));
}

/** PostgreSQL SQLSTATE codes we branch on; never match on message text. */
export const PG_ERROR = {
  UNIQUE_VIOLATION: '23505',
  FOREIGN_KEY_VIOLATION: '23503',
  SERIALIZATION_FAILURE: '40001',
  DEADLOCK_DETECTED: '40P01',
  LOCK_NOT_AVAILABLE: '55P03',
  /** statement_timeout (or a cancel request) cut the query */
  QUERY_CANCELED: '57014',
} as const;

export function pgErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
