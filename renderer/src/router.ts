import { createRouter, createWebHashHistory } from 'vue-router';
import { useSessionStore } from './stores/session';

// Hash history works the same under app:// (Electron) and http:// (headless host).
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/file' },
    {
      path: '/connexion',
      name: 'login',
      component: () => import('./pages/LoginPage.vue'),
      meta: { public: true },
    },
    { path: '/file', name: 'queue', component: () => import('./pages/QueuePage.vue') },
    {
      path: '/dossier/:applicationNumber(\\d{19})',
      name: 'dossier',
      component: () => import('./pages/DossierPage.vue'),
      props: true,
    },
    {
      path: '/apercu-pieces/:applicationNumber(\\d{19})',
      name: 'viewer-preview',
      component: () => import('./viewer/ViewerPreview.vue'),
      props: true,
    },
    {
      path: '/attestations',
      name: 'prolongations',
      component: () => import('./pages/ProlongationsPage.vue'),
    },
    {
      path: '/supervision',
      name: 'supervision',
      component: () => import('./pages/SupervisionPage.vue'),
      meta: { supervisor: true },
    },
    {
      path: '/journal',
      name: 'audit',
      component: () => import('./pages/AuditPage.vue'),
      meta: { supervisor: true },
    },
    {
      path: '/synchronisation',
      name: 'sync',
      component: () => import('./pages/SyncPage.vue'),
    },
    { path: '/:rest(.*)*', redirect: '/file' },
  ],
});

router.beforeEach((to) => {
  const session = useSessionStore();
  if (!to.meta.public && !session.agent) return { name: 'login', query: { suite: to.fullPath } };
  if (to.name === 'login' && session.agent) return { name: 'queue' };
  // A convenience only: the backend refuses the supervisor's calls to agents.
  if (to.meta.supervisor && session.agent?.role !== 'supervisor') return { name: 'queue' };
  return true;
});
