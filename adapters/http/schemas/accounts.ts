import { z } from 'zod';
import { institutionMachine } from '../../../machines/institution.js';
import { stateField } from './states.js';
import { timestamp, uuidString } from './common.js';

export const accountSchema = z
  .object({
    id: uuidString(),
    kind: z.enum(['admin', 'district', 'institution', 'business', 'candidate']),
    login: z.string().meta({ description: '登录账号（考生身份证号已脱敏）' }),
    name: z.string(),
    departmentId: z.string().nullable(),
    institutionId: uuidString().nullable(),
    businessCode: z.string().nullable(),
    phoneMasked: z.string().nullable().meta({ example: '138****1234' }),
    activated: z.boolean(),
  })
  .meta({ id: 'Account' });

export const loginBody = z
  .object({
    login: z.string().max(100).meta({ description: '用户名、机构证号、业务账号或身份证号', example: 'admin' }),
    password: z.string().max(200).meta({ example: 'Demo@2026' }),
  })
  .strict();

export const sessionSchema = z
  .object({
    token: z.string().meta({ description: 'Bearer 令牌（Authorization: Bearer <token>）' }),
    expiresAt: timestamp().meta({ description: '绝对过期时间；闲置30分钟亦失效' }),
    account: accountSchema,
  })
  .meta({ id: 'Session' });

export const meSchema = z
  .object({
    account: accountSchema,
    department: z.object({ id: z.string(), name: z.string(), level: z.string() }).nullable(),
    institution: z.object({ id: uuidString(), state: stateField(institutionMachine, 'activated') }).nullable(),
  })
  .meta({ id: 'Me' });

export const candidateBody = z
  .object({
    idNumber: z.string().max(40).meta({ description: '居民身份证号（18位）', example: '140105199001017932' }),
    name: z.string().max(60).meta({ example: '赵六' }),
    phone: z.string().max(30).meta({ example: '13812341234' }),
    password: z.string().max(200).meta({ description: '至少8位，含大写、小写、数字、符号中的三种', example: 'Zhao@2026' }),
  })
  .strict();
