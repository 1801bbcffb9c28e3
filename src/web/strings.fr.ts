// Every French string of the interface lives here, so wording stays consistent and translatable.
export const fr = {
  siteName: 'Pur Beurre',
  tagline: 'Du gras, oui, mais de qualité !',
  searchLabel: 'Rechercher un aliment',
  searchPlaceholder: 'Nutella, 3017620422003…',
  searchButton: 'Rechercher',
  heroLead: 'Trouvez un aliment plus sain pour remplacer celui que vous aimez.',
  catalogueSize: (count: number) =>
    `${count.toLocaleString('fr-FR')} produit${count > 1 ? 's' : ''} dans notre catalogue.`,
  demoCatalogue:
    'Catalogue de démonstration : ces produits sont inventés, Open Food Facts n’était pas joignable au premier démarrage.',
  storyTitle: 'Colette et Rémy',
  story:
    'Colette et Rémy se sont rencontrés derrière les fourneaux. Elle, cheffe passionnée de bonne cuisine ; lui, curieux de ce que contiennent nos assiettes. Ensemble, ils ont créé Pur Beurre pour aider chacun à garder le goût en mangeant mieux.',
  legalLink: 'Mentions légales',
  offCredit: 'Données Open Food Facts, sous licence ODbL',
  notFoundTitle: 'Page introuvable',
  notFoundText: 'Cette page n’existe pas ou plus. Essayez une recherche :',
  badRequestTitle: 'Requête invalide',
  badRequestText: 'Votre demande n’a pas pu être comprise. Vérifiez-la et réessayez.',
  tooManyRequestsTitle: 'Trop de requêtes',
  tooManyRequestsText:
    'Vous avez fait beaucoup de demandes en peu de temps. Patientez une minute et réessayez.',
  unavailableTitle: 'Service momentanément indisponible',
  unavailableText: 'Le site est très sollicité. Réessayez dans quelques secondes.',
  serverErrorTitle: 'Oups, une erreur est survenue',
  serverErrorText: 'Nous n’avons pas pu afficher cette page. Réessayez dans un instant.',
  backHome: 'Retour à l’accueil',
} as const;
