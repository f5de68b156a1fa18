/**
 * `pnpm esa`: the operator's command line. One binary, subcommands, help in
 * Thai and English. Everything it does is also what an operator could not do
 * over the API (there is no office yet, nobody can sign in yet, the history
 * is checked from outside the application).
 */
import { parseArgs } from 'node:util';
import {
  assertDatabaseReady,
  listOffices,
  loadConfig,
  openEngine,
  processEnvironment,
  systemClock,
  type Config,
  type Engine,
} from '@esa-flow/engine';
import { createRegistry } from '@esa-flow/workflows';
import { UsageError, say } from '../say';
import { createOffice } from './create-office';
import { resetPassword } from './reset-password';
import { loadCheckpointConfig, writeCheckpoint } from './history-checkpoint';
import { describeFinding, verifyAllHistory } from './verify-all-history';

export const ESA_HELP = `esa-flow — คำสั่งสำหรับผู้ดูแลระบบ / operator commands

  pnpm esa office create --code <รหัส> --name-th <ชื่อไทย> --name-en <English name> --admin <username>
        [--level primary|secondary] [--admin-name-th "<ชื่อ สกุล>"] [--admin-email <e-mail>]
      สร้างสำนักงานเขตพื้นที่และผู้ดูแลระบบคนแรก รหัสผ่านจาก ESA_FLOW_ADMIN_PASSWORD ถ้าไม่กำหนด
      จะพิมพ์รหัสผ่านใช้ครั้งเดียวให้ครั้งเดียว และต้องเปลี่ยนเมื่อเข้าระบบครั้งแรก
      Creates an office and its first administrator. The password comes from ESA_FLOW_ADMIN_PASSWORD;
      unset, a one-time password is printed once and must be changed at the first sign-in.

  pnpm esa office list
      รายชื่อสำนักงาน จำนวนผู้ใช้และเรื่องที่ยังดำเนินการ / every office, its users and open cases

  pnpm esa admin reset-password <username>
      ตั้งรหัสผ่านใช้ครั้งเดียวใหม่ (ต้องเปลี่ยนเมื่อเข้าระบบ) ปลดล็อก และยกเลิกทุกเซสชัน
      A new one-time password (to be changed at sign-in); unlocks the account, ends its sessions.

  pnpm esa history verify [--office <รหัส>] [--all-checkpoints] [--no-replay]
      ตรวจห่วงโซ่แฮชของประวัติทุกเรื่อง เล่นประวัติซ้ำเทียบกับสถานะของเรื่อง และเทียบกับจุดตรวจสอบ
      ที่ลงนามไว้ล่าสุด (ทุกจุดเมื่อ --all-checkpoints) ออกด้วยรหัส 1 เมื่อพบสิ่งผิดปกติแรก
      Checks the hash chain of every case's history, replays it against the case's state, and
      compares the database with the latest signed checkpoint (every one with --all-checkpoints)
      of HISTORY_CHECKPOINT_DIR; exit code 1 at the first finding.

  pnpm esa history checkpoint
      บันทึกจุดตรวจสอบที่ลงนามด้วย HISTORY_CHECKPOINT_KEY ลงใน HISTORY_CHECKPOINT_DIR
      Writes a checkpoint of every case's history head, signed with HISTORY_CHECKPOINT_KEY,
      to HISTORY_CHECKPOINT_DIR (outside the database).

  pnpm esa help
      ข้อความนี้ / this text

ต้องกำหนด DATABASE_URL / DATABASE_URL is required. ก่อนใช้ครั้งแรกให้สั่ง pnpm migrate / run pnpm migrate first.`;

/** The database, migrated for this release (SCHEMA_NOT_MIGRATED names `pnpm migrate` otherwise). */
async function requireEngine(config: Config): Promise<Engine> {
  if (!config.DATABASE_URL) throw new UsageError('ต้องกำหนด DATABASE_URL / DATABASE_URL is required');
  const registry = createRegistry();
  const engine = openEngine({
    connection: { connectionString: config.DATABASE_URL, maxConnections: 2, applicationName: 'esa-flow-cli' },
    registry,
    clock: systemClock,
  });
  try {
    await assertDatabaseReady(engine, registry);
    return engine;
  } catch (error) {
    await engine.close();
    throw error;
  }
}

export async function runEsaCli(argv: string[], env: Readonly<Record<string, string | undefined>> = processEnvironment()): Promise<number> {
  const [group, action, ...rest] = argv;
  if (
    !group ||
    group === 'help' ||
    group === '--help' ||
    group === '-h' ||
    action === '--help' ||
    action === '-h' ||
    rest.includes('--help')
  ) {
    console.log(ESA_HELP);
    return 0;
  }
  const command = `${group} ${action ?? ''}`.trim();
  const config = loadConfig(env as NodeJS.ProcessEnv);
  switch (command) {
    case 'office create': {
      const { values } = parseArgs({
        args: rest,
        options: {
          code: { type: 'string' },
          'name-th': { type: 'string' },
          'name-en': { type: 'string' },
          admin: { type: 'string' },
          level: { type: 'string', default: 'primary' },
          'admin-name-th': { type: 'string' },
          'admin-email': { type: 'string' },
        },
        strict: true,
      });
      const missing = (['code', 'name-th', 'name-en', 'admin'] as const).filter((k) => !values[k]);
      if (missing.length > 0) throw new UsageError(`ขาด / missing: ${missing.map((m) => `--${m}`).join(' ')}\n\n${ESA_HELP}`);
      if (values.level !== 'primary' && values.level !== 'secondary')
        throw new UsageError('--level ต้องเป็น primary (สพป.) หรือ secondary (สพม.) / must be primary or secondary');
      const engine = await requireEngine(config);
      try {
        const result = await createOffice(engine, {
          code: values.code!,
          nameTh: values['name-th']!,
          nameEn: values['name-en']!,
          level: values.level,
          adminUsername: values.admin!,
          adminNameTh: values['admin-name-th'],
          adminEmail: values['admin-email'],
          adminPassword: env.ESA_FLOW_ADMIN_PASSWORD || undefined,
        });
        if (!result.created) {
          say(
            `มีสำนักงาน ${values.code} และผู้ดูแลระบบ ${values.admin} อยู่แล้ว ไม่ได้เปลี่ยนแปลงอะไร`,
            `office ${values.code} and its administrator ${values.admin} already exist; nothing changed`,
          );
          return 0;
        }
        say(
          `สร้างสำนักงาน ${values.code} (${values['name-th']}) และผู้ดูแลระบบ ${values.admin} แล้ว`,
          `created office ${values.code} and its administrator ${values.admin}`,
        );
        if (result.oneTimePassword) {
          say(
            'รหัสผ่านใช้ครั้งเดียว (แสดงครั้งเดียว ต้องเปลี่ยนเมื่อเข้าระบบครั้งแรก)',
            'one-time password (shown once; must be changed at the first sign-in)',
          );
          console.log(`  ${result.oneTimePassword}`);
        } else {
          say('รหัสผ่านตามที่กำหนดใน ESA_FLOW_ADMIN_PASSWORD', 'the password is the one in ESA_FLOW_ADMIN_PASSWORD');
        }
        return 0;
      } finally {
        await engine.close();
      }
    }
    case 'office list': {
      const engine = await requireEngine(config);
      try {
        const offices = await listOffices(engine);
        if (offices.length === 0)
          say('ยังไม่มีสำนักงาน สร้างด้วย pnpm esa office create', 'no office yet; create one with pnpm esa office create');
        for (const o of offices) {
          console.log(
            `${o.code}\t${o.nameTh}\t${o.nameEn}\t${o.level === 'secondary' ? 'สพม.' : 'สพป.'}\tผู้ใช้ ${o.users} users\tเรื่องที่ดำเนินการ ${o.openCases} open cases${o.demo ? '\tสาธิต / demo' : ''}`,
          );
        }
        return 0;
      } finally {
        await engine.close();
      }
    }
    case 'admin reset-password': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true });
      if (positionals.length !== 1) throw new UsageError(`ระบุชื่อผู้ใช้หนึ่งคน / give one username\n\n${ESA_HELP}`);
      const engine = await requireEngine(config);
      try {
        const { password } = await resetPassword(engine, positionals[0]!, systemClock.now(), env.ESA_FLOW_ADMIN_PASSWORD || undefined);
        say(
          `ตั้งรหัสผ่านใหม่ให้ ${positionals[0]} แล้ว ต้องเปลี่ยนเมื่อเข้าระบบ`,
          `reset the password of ${positionals[0]}; it must be changed at sign-in`,
        );
        if (!env.ESA_FLOW_ADMIN_PASSWORD) console.log(`  ${password}`);
        return 0;
      } finally {
        await engine.close();
      }
    }
    case 'history verify': {
      const { values } = parseArgs({
        args: rest,
        options: { office: { type: 'string' }, 'all-checkpoints': { type: 'boolean' }, 'no-replay': { type: 'boolean' } },
        strict: true,
      });
      const checkpoints = loadCheckpointConfig(env);
      const engine = await requireEngine(config);
      try {
        const result = await verifyAllHistory(engine, {
          officeCode: values.office,
          replay: !values['no-replay'],
          checkpoints,
          allCheckpoints: values['all-checkpoints'] ?? false,
          onProgress: (n) => process.stderr.write(`ตรวจแล้ว / checked ${n} …\r`),
        });
        process.stderr.write('\n');
        if (!result.ok) {
          const { th, en } = describeFinding(result);
          say(th, en);
          return 1;
        }
        say(
          `ประวัติถูกต้องทั้งหมด: ${result.cases} เรื่อง ${result.rows} รายการ`,
          `every history is intact: ${result.cases} cases, ${result.rows} entries`,
        );
        if (checkpoints)
          say(`ตรงกับจุดตรวจสอบที่ลงนามไว้ ${result.checkpoints} จุด`, `consistent with ${result.checkpoints} signed checkpoint(s)`);
        else say('ไม่ได้กำหนด HISTORY_CHECKPOINT_DIR จึงไม่ได้เทียบกับจุดตรวจสอบ', 'HISTORY_CHECKPOINT_DIR is not set: no checkpoint compared');
        return 0;
      } finally {
        await engine.close();
      }
    }
    case 'history checkpoint': {
      parseArgs({ args: rest, options: {}, strict: true });
      const checkpoints = loadCheckpointConfig(env);
      if (!checkpoints)
        throw new UsageError(
          'ต้องกำหนด HISTORY_CHECKPOINT_DIR และ HISTORY_CHECKPOINT_KEY / HISTORY_CHECKPOINT_DIR and HISTORY_CHECKPOINT_KEY are required',
        );
      const engine = await requireEngine(config);
      try {
        const line = await writeCheckpoint(engine, checkpoints, systemClock.now());
        say(
          `บันทึกจุดตรวจสอบ ${line.at}: ${line.cases} เรื่อง ${line.rows} รายการ ใน ${line.entries}`,
          `checkpoint of ${line.at} written: ${line.cases} cases, ${line.rows} entries, ${line.entries}`,
        );
        return 0;
      } finally {
        await engine.close();
      }
    }
    default:
      throw new UsageError(`ไม่รู้จักคำสั่ง / unknown command: ${command}\n\n${ESA_HELP}`);
  }
}
