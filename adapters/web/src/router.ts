import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { watch } from 'vue';
import { api, unwrap } from './api/client';
import { session } from './api/session';
import { homeOf, type AccountKind } from './roles';

declare module 'vue-router' {
  interface RouteMeta {
    /** Public screens need no session. */
    public?: boolean;
    /** Who may open the screen (others are sent to their home). */
    kinds?: AccountKind[];
    title?: string;
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', component: () => import('./views/public/LoginView.vue'), meta: { public: true, title: '登录' } },
  { path: '/register', component: () => import('./views/public/RegisterInstitutionView.vue'), meta: { public: true, title: '新机构注册' } },
  { path: '/registration-query', component: () => import('./views/public/RegistrationQueryView.vue'), meta: { public: true, title: '申请查询' } },
  { path: '/activate', component: () => import('./views/public/ActivateView.vue'), meta: { public: true, title: '账号激活' } },
  { path: '/candidate-register', component: () => import('./views/public/CandidateRegisterView.vue'), meta: { public: true, title: '考生注册' } },
  { path: '/verify', component: () => import('./views/public/VerifyCertificateView.vue'), meta: { public: true, title: '证明核验' } },
  {
    path: '/',
    component: () => import('./layouts/ConsoleLayout.vue'),
    children: [
      { path: '', component: { render: () => null }, beforeEnter: () => homeOf(session.me.value) },
      { path: 'none', component: () => import('./views/NoScreensView.vue'), meta: { title: '无可用功能' } },
      // business account 19: 待审核列表 → 申报人员列表 → 详情, 单位直接录入
      { path: 'review/projects', component: () => import('./views/unit/ProjectsView.vue'), meta: { kinds: ['business', 'district', 'admin'], title: '待审核项目列表' } },
      { path: 'review/projects/:projectId', component: () => import('./views/unit/ApplicantsView.vue'), meta: { kinds: ['business', 'district', 'admin'], title: '申报人员列表' } },
      { path: 'review/projects/:projectId/entry', component: () => import('./views/DeclarationFormView.vue'), meta: { kinds: ['business'], title: '单位直接录入' } },
      { path: 'review/projects/:projectId/institutions', component: () => import('./views/district/ProjectProgressView.vue'), meta: { kinds: ['district', 'admin'], title: '各机构审核进度' } },
      { path: 'applications/:id', component: () => import('./views/unit/ApplicationDetailView.vue'), meta: { kinds: ['business', 'district', 'admin', 'candidate', 'institution'], title: '申报详情' } },
      // institution main account
      { path: 'institution/accounts', component: () => import('./views/institution/BusinessAccountsView.vue'), meta: { kinds: ['institution'], title: '业务账号' } },
      { path: 'institution/check-code', component: () => import('./views/institution/CheckCodeView.vue'), meta: { kinds: ['institution'], title: '校验码' } },
      { path: 'institution/profile', component: () => import('./views/institution/InstitutionProfileView.vue'), meta: { kinds: ['institution'], title: '机构信息' } },
      // candidate
      { path: 'my', component: () => import('./views/candidate/MyApplicationsView.vue'), meta: { kinds: ['candidate'], title: '我的申报' } },
      { path: 'my/new/:projectId', component: () => import('./views/DeclarationFormView.vue'), meta: { kinds: ['candidate'], title: '填写申报' } },
      { path: 'applications/:id/edit', component: () => import('./views/DeclarationFormView.vue'), meta: { kinds: ['candidate', 'business'], title: '修改申报' } },
      // exam district
      { path: 'district/institutions', component: () => import('./views/district/InstitutionsView.vue'), meta: { kinds: ['district', 'admin'], title: '机构审核' } },
      { path: 'district/institutions/:id', component: () => import('./views/district/InstitutionDetailView.vue'), meta: { kinds: ['district', 'admin'], title: '机构注册详情' } },
      // admin
      { path: 'admin/projects', component: () => import('./views/admin/ProjectsAdminView.vue'), meta: { kinds: ['admin'], title: '项目管理' } },
      { path: 'admin/physicians', component: () => import('./views/admin/PhysicianImportView.vue'), meta: { kinds: ['admin'], title: '执业医师库导入' } },
      { path: 'admin/outbox', component: () => import('./views/admin/OutboxView.vue'), meta: { kinds: ['admin'], title: '通知记录' } },
      { path: 'admin/departments', component: () => import('./views/admin/DepartmentsView.vue'), meta: { kinds: ['admin'], title: '部门' } },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  document.title = to.meta.title ? `${to.meta.title} · 试用期考核证明申报管理` : '试用期考核证明申报管理';
  if (to.meta.public) return true;
  if (!session.token.value) return { path: '/login', query: { redirect: to.fullPath } };
  if (!session.me.value) {
    try {
      session.me.value = await unwrap(api.GET('/api/v1/me'));
    } catch {
      session.clear();
      return { path: '/login', query: { redirect: to.fullPath } };
    }
  }
  const kinds = to.meta.kinds;
  if (kinds && !kinds.includes(session.me.value.account.kind)) return homeOf(session.me.value);
  return true;
});

// A 401 on any call of a logged-in console: to 登录, then back here.
watch(session.expired, (expired) => {
  if (expired && !router.currentRoute.value.meta.public) {
    void router.push({ path: '/login', query: { redirect: router.currentRoute.value.fullPath, expired: '1' } });
  }
});
