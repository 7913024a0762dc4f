import { z } from 'zod';

/** Login and password as typed on a login page. */
export const credentialsSchema = z.object({
  login: z
    .string({ error: 'Saisissez votre identifiant.' })
    .trim()
    .min(1, { error: 'Saisissez votre identifiant.' })
    .max(254, { error: 'Identifiant trop long.' }),
  password: z
    .string({ error: 'Saisissez votre mot de passe.' })
    .min(1, { error: 'Saisissez votre mot de passe.' })
    .max(256, { error: 'Mot de passe trop long.' }),
});

/** The id of something the portal created (UUID), as given back by an earlier answer. */
export function idSchema(label: string) {
  return z
    .string({ error: `${label} est obligatoire.` })
    .min(1, { error: `${label} est obligatoire.` })
    .max(100, { error: `${label} est invalide.` });
}
