import 'vuetify/styles';
import { createVuetify } from 'vuetify';
import { aliases, mdi } from 'vuetify/iconsets/mdi-svg';
import { fr } from 'vuetify/locale';

/**
 * A sober theme after the French State's design system: bleu France for actions and the header,
 * rouge Marianne for errors only. Icons are inline SVG paths: no icon font to load.
 */
export const vuetify = createVuetify({
  locale: { locale: 'fr', messages: { fr } },
  icons: { defaultSet: 'mdi', aliases, sets: { mdi } },
  theme: {
    defaultTheme: 'etat',
    themes: {
      etat: {
        dark: false,
        colors: {
          primary: '#000091',
          secondary: '#3a3a3a',
          error: '#E1000F',
          warning: '#B34000',
          success: '#18753C',
          info: '#0063CB',
          background: '#F6F6F6',
          surface: '#FFFFFF',
        },
        // Secondary text (field labels, hints) at 4.5:1 at least on the grey background
        // (WCAG AA): the default 0.60 gives 4.2:1 there.
        variables: { 'medium-emphasis-opacity': 0.72 },
      },
    },
  },
  defaults: {
    VBtn: { rounded: 0 },
    VTextField: { variant: 'outlined', density: 'comfortable' },
    VCard: { rounded: 0 },
  },
});
