import type { components } from '../../../docs/openapi.d.ts';

type Me = components['schemas']['Me'];
export type AccountKind = components['schemas']['Account']['kind'];

export const kindLabels: Record<AccountKind, string> = {
  admin: '省级管理员',
  district: '考区审核',
  institution: '机构主账号',
  business: '业务账号',
  candidate: '考生',
};

/** The menu of each account kind: the seed's screens for that role. */
export function menuOf(me: Me | null): { path: string; label: string }[] {
  switch (me?.account.kind) {
    case 'admin':
      return [
        { path: '/admin/projects', label: '项目管理' },
        { path: '/district/institutions', label: '机构审核' },
        { path: '/review/projects', label: '考区审核' },
        { path: '/admin/physicians', label: '执业医师库导入' },
        { path: '/admin/outbox', label: '通知记录' },
        { path: '/admin/departments', label: '部门' },
      ];
    case 'district':
      return [
        { path: '/district/institutions', label: '机构审核' },
        { path: '/review/projects', label: '考区审核' },
      ];
    case 'institution':
      return [
        { path: '/institution/accounts', label: '业务账号' },
        { path: '/institution/check-code', label: '校验码' },
        { path: '/institution/profile', label: '机构信息' },
      ];
    case 'business':
      return me.account.businessCode === '19' ? [{ path: '/review/projects', label: '待审核列表' }] : [];
    case 'candidate':
      return [{ path: '/my', label: '我的申报' }];
    default:
      return [];
  }
}

/** Where an account lands after 登录. */
export function homeOf(me: Me | null): string {
  return me ? (menuOf(me)[0]?.path ?? '/none') : '/login';
}
