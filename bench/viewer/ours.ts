// Our viewer, as the dossier page mounts it, with the same plugins and styles as the application;
// the file comes from the bench server instead of the workstation's file links.
import { createApp, h, shallowRef } from 'vue';
import { i18n } from '../../renderer/src/plugins/i18n';
import { vuetify } from '../../renderer/src/plugins/vuetify';
import DocumentViewer from '../../renderer/src/viewer/DocumentViewer.vue';
import type { ViewerFile } from '../../renderer/src/viewer/types';
import { mark, PDF_URL, reportFirstPage, startTimer } from './first-paint';

mark('script');
// The page's drawing is swapped into the DOM only once pdf.js has finished it.
new MutationObserver((_records, observer) => {
  if (document.querySelector('.viewer-page__drawing canvas')) {
    observer.disconnect();
    reportFirstPage();
  }
}).observe(document.body, { childList: true, subtree: true });

// The viewer is on screen, empty, as on the dossier page before a file is chosen.
const file = shallowRef<ViewerFile | null>(null);
const source = shallowRef<{ url: string } | null>(null);
createApp({ render: () => h(DocumentViewer, { file: file.value, source: source.value }) })
  .use(i18n)
  .use(vuetify)
  .mount('#app');
await new Promise(requestAnimationFrame);

// The agent opens the file: from here on, the clock runs. The URL stands for the workstation's
// file link, which the viewer streams into pdf.js the same way.
startTimer();
source.value = { url: PDF_URL };
file.value = { sha256: '', name: 'scan.pdf', mime: 'application/pdf', size: 0 };
