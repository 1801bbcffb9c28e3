// Every French string of the interface lives here, so wording stays consistent and translatable.
export const fr = {
  siteName: 'Pur Beurre',
  tagline: 'Du gras, oui, mais de qualité !',
  searchLabel: 'Rechercher un aliment',
  searchPlaceholder: 'Nutella, 3017620422003…',
  searchButton: 'Rechercher',
  /** The camera barcode scan (public/scanner.js reads them from the search form's data-scanner). */
  scanner: {
    open: 'Scanner',
    openLabel: 'Scanner un code-barres avec la caméra',
    title: 'Scanner un code-barres',
    starting: 'Ouverture de la caméra…',
    looking: 'Présentez le code-barres du produit devant la caméra.',
    unavailable: 'Caméra indisponible : tapez le code-barres dans le champ de recherche.',
    unsupported: 'Ce navigateur ne sait pas lire les codes-barres : tapez-le dans le champ de recherche.',
    found: 'Code détecté : {code}. Ouverture de la fiche…',
    close: 'Fermer la caméra',
  },
  heroLead: 'Trouvez un aliment plus sain pour remplacer celui que vous aimez.',
  catalogueSize: (count: number) =>
    `${count.toLocaleString('fr-FR')} produit${count > 1 ? 's' : ''} dans notre catalogue.`,
  snapshotCatalogue: (isoDate: string) =>
    `Catalogue hors ligne : un instantané de produits réels d’Open Food Facts, données du ${new Date(isoDate).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}. Open Food Facts n’était pas joignable au premier démarrage : la prochaine mise à jour apportera les données actuelles.`,
  storyTitle: 'Colette et Rémy',
  story:
    'Colette et Rémy se sont rencontrés derrière les fourneaux. Elle, cheffe passionnée de bonne cuisine ; lui, curieux de ce que contiennent nos assiettes. Ensemble, ils ont créé Pur Beurre pour aider chacun à garder le goût en mangeant mieux.',
  legalLink: 'Mentions légales',
  offCredit: 'Données Open Food Facts, sous licence ODbL',
  notFoundTitle: 'Page introuvable',
  notFoundText: 'Cette page n’existe pas ou plus. Essayez une recherche :',
  badRequestTitle: 'Requête invalide',
  badRequestText: 'Votre demande n’a pas pu être comprise. Vérifiez-la et réessayez.',
  headersTooLargeTitle: 'Requête trop volumineuse',
  headersTooLargeText:
    'Votre navigateur a envoyé trop de données avec cette demande (souvent des cookies trop nombreux). Effacez les cookies de ce site, puis réessayez.',
  timeoutTitle: 'Requête trop lente',
  timeoutText: 'Votre demande a mis trop de temps à nous parvenir. Vérifiez votre connexion et réessayez.',
  tooManyRequestsTitle: 'Trop de requêtes',
  tooManyRequestsText:
    'Vous avez fait trop de tentatives en peu de temps. Patientez une minute, puis réessayez.',
  unavailableTitle: 'Service momentanément indisponible',
  unavailableText: 'Le site est très sollicité. Réessayez dans quelques secondes.',
  serverErrorTitle: 'Oups, une erreur est survenue',
  serverErrorText: 'Nous n’avons pas pu afficher cette page. Réessayez dans un instant.',
  backHome: 'Retour à l’accueil',
  forbiddenTitle: 'Action refusée',
  forbiddenText:
    'Cette action n’a pas pu être vérifiée (la page était peut-être trop ancienne). Rechargez la page et réessayez.',
  skipToContent: 'Aller au contenu',
  mainNav: 'Navigation principale',
  myAccount: 'Mon compte',
  myFoods: 'Mes aliments',
  logIn: 'Se connecter',
  logOut: 'Se déconnecter',
  signUp: 'Créer un compte',
  offCreditPictures: 'photos sous licence CC BY-SA',
  logoAlt: 'Pur Beurre, accueil',
} as const;

export const frProducts = {
  noPicture: 'Pas de photo',
  delisted:
    'Plus référencé : ce produit n’est plus sur Open Food Facts. Nous le gardons pour vos aliments sauvegardés.',
  nutriscore: (grade: string | null, notApplicable = false) =>
    grade !== null
      ? `Nutri-Score ${grade.toUpperCase()}`
      : notApplicable
        ? 'Nutri-Score : non concerné'
        : 'Nutri-Score inconnu',
  nutriscoreVersion: (version: '2023' | '2021' | null) =>
    version === '2023'
      ? 'Nutri-Score calculé selon la méthode de 2023, la version en vigueur.'
      : version === '2021'
        ? 'Nutri-Score selon l’ancienne méthode (avant 2023) : Open Food Facts n’a pas encore le calcul 2023 de ce produit.'
        : null,
  notApplicableExplained:
    'Non concerné : le Nutri-Score ne s’applique pas à ce type d’aliment (eaux, chewing-gums, aliments pour bébés…).',
  per100g: 'pour 100 g',
  nutrients: {
    fat: 'Matières grasses',
    saturatedFat: 'Acides gras saturés',
    sugars: 'Sucres',
    salt: 'Sel',
  },
  nutrientsLower: {
    fat: 'de matières grasses',
    saturatedFat: 'd’acides gras saturés',
    sugars: 'de sucres',
    salt: 'de sel',
  },
  levels: { low: 'faible quantité', moderate: 'quantité modérée', high: 'quantité élevée' },
  unknownValue: 'non renseigné',
  nutrientLevelsTitle: (per: 'g' | 'ml') => `Repères nutritionnels pour 100 ${per}`,
  offLink: 'Voir la fiche d’Open Food Facts',
  detailsTitle: 'Composition et labels',
  barcode: 'Code-barres',
  nova: 'Groupe Nova',
  novaGroups: {
    1: 'Aliments non transformés ou transformés minimalement',
    2: 'Ingrédients culinaires transformés',
    3: 'Aliments transformés',
    4: 'Produits alimentaires et boissons ultra-transformés',
  },
  novaValue: (group: number, meaning: string) => `Nova ${group} : ${meaning}`,
  greenScore: 'Green-Score',
  greenScoreValue: (grade: string) => `Green-Score ${grade === 'a-plus' ? 'A+' : grade.toUpperCase()}`,
  greenScoreNotApplicable: 'non concerné',
  allergens: 'Allergènes',
  noAllergens: 'aucun allergène déclaré',
  additives: 'Additifs',
  noAdditives: 'aucun additif relevé',
  labels: 'Labels',
  noLabels: 'aucun label renseigné',
  ingredients: 'Ingrédients',
  energy: 'Énergie',
  fiber: 'Fibres',
  proteins: 'Protéines',
  compare: 'Comparer',
  compareWith: (substitute: string) => `Comparer avec ${substitute}`,
  compareTitle: (product: string, substitute: string) => `${product} ou ${substitute} ?`,
  compareCaption: (per: 'g' | 'ml') => `Comparaison pour 100 ${per}, tel que vendu`,
  compareCriterion: 'Critère',
  compareBetter: 'meilleur',
  compareBetterHint:
    'La meilleure valeur de chaque ligne est marquée « meilleur ». Aucune comparaison n’est faite quand une valeur n’est pas renseignée.',
  compareNotSubstitute:
    'Ce produit n’est pas un substitut que nous proposons pour le vôtre (autre rayon, Nutri-Score qui n’est pas meilleur ou produit non vendu ici) : la comparaison est donnée à titre indicatif.',
  backToSubstitutes: (name: string) => `Revenir aux substituts de ${name}`,
  nutriscoreVersionShort: (version: '2023' | '2021' | null) =>
    version === '2023' ? '(calcul 2023)' : version === '2021' ? '(ancien calcul, avant 2023)' : '',
  dataDate: (date: string) => `Données Open Food Facts du ${date}.`,
  importDate: (date: string) => `Données importées d’Open Food Facts le ${date}.`,
  seeSubstitutes: 'Voir les substituts plus sains',
  seeSheet: 'Voir la fiche',
  unknownProductTitle: 'Produit introuvable',
  unknownProductText: (code: string) =>
    `Aucun produit ne porte le code-barres ${code} dans notre catalogue. Essayez une recherche :`,
  substitutesTitle: (name: string) => `Substituts pour ${name}`,
  substitutesHeading: 'Des aliments plus sains à la place',
  youSearched: 'Votre aliment',
  substitutesCount: (total: number) =>
    `${total} substitut${total > 1 ? 's' : ''} avec un meilleur Nutri-Score, du plus proche au moins proche.`,
  alreadyA:
    'Bonne nouvelle : cet aliment a déjà le meilleur Nutri-Score (A). Nous ne vous proposerons pas moins bien !',
  notApplicable:
    'Le Nutri-Score ne s’applique pas à ce type d’aliment (eaux, chewing-gums, aliments pour bébés…) : nous ne pouvons pas le comparer à d’autres sur ce critère.',
  noGrade:
    'Cet aliment n’a pas encore de Nutri-Score sur Open Food Facts : nous ne pouvons pas lui trouver de substitut plus sain en toute honnêteté.',
  noneBetter: (categories: string[], country: string) => {
    const [reference = '', ...broader] = categories.map((name) => `« ${name} »`);
    const widened = broader.length > 0 ? ` ni des rayons plus larges ${broader.join(', ')}` : '';
    return `Aucun aliment vendu ${country} du rayon ${reference}${widened} n’a un meilleur Nutri-Score dans notre catalogue : c’est peut-être déjà le meilleur choix de son rayon.`;
  },
  alone: (category: string) =>
    `Aucun autre aliment de notre catalogue n’est rangé dans « ${category} », la seule catégorie assez précise de ce produit : nous ne pouvons ni le comparer à des aliments du même type, ni dire s’il est un bon choix.`,
  noCategory:
    'Open Food Facts ne range cet aliment dans aucune catégorie assez précise pour le comparer à des aliments du même type : nous ne proposons pas de substitut plutôt que de comparer des aliments différents.',
  sameAisle: (category: string) => `Même rayon : ${category}`,
  widened: (reference: string, category: string) =>
    `Aucun aliment du rayon « ${reference} » n’a un meilleur Nutri-Score : nous avons élargi au rayon « ${category} ».`,
  soldIn: (countries: string) => `Vendu : ${countries}`,
  soldWhereUnknown: 'Pays de vente non renseigné sur Open Food Facts.',
  notSoldHere: (country: string) =>
    `D’après Open Food Facts, ce produit n’est pas vendu ${country} : nous ne le proposons ni dans la recherche ni comme substitut.`,
  pageOutOfRangeTitle: 'Page introuvable',
  pageOutOfRange: (page: number, pages: number) =>
    `Il n’y a pas de page ${page} : les substituts de ce produit tiennent sur ${pages} page${pages > 1 ? 's' : ''}.`,
  firstPage: (name: string) => `Voir les substituts de ${name}`,
  nutrientChange: (sign: '−' | '+', amount: string, nutrient: string, per: 'g' | 'ml') =>
    `${sign}${amount} g ${nutrient} / 100 ${per}`,
  betterGrade: (from: string, to: string) => `Nutri-Score ${from.toUpperCase()} → ${to.toUpperCase()}`,
  save: 'Sauvegarder',
  saveFor: (name: string) => `Sauvegarder ${name} comme substitut`,
  saved: 'Sauvegardé ✓',
  unsave: 'Retirer',
  unsaveFor: (name: string) => `Retirer ${name} de Mes aliments`,
  pagination: 'Pages de substituts',
  previous: 'Précédent',
  next: 'Suivant',
  pageOf: (page: number, pages: number) => `Page ${page} sur ${pages}`,
  pageN: (page: number) => `Page ${page}`,
} as const;

export const frSearch = {
  title: (q: string) => `Recherche « ${q} »`,
  resultsHeading: (q: string) => `Résultats pour « ${q} »`,
  pickOne: 'Plusieurs produits correspondent : choisissez le vôtre.',
  cappedNote:
    'Beaucoup de produits correspondent : seuls les plus consultés sont listés. Ajoutez un mot (une marque, une saveur…) pour préciser.',
  correctedNote: (typed: string) =>
    `Aucun produit ne correspond à « ${typed} » : voici ceux de l’orthographe la plus proche.`,
  searchAsTyped: (typed: string) => `Rechercher « ${typed} » tel quel`,
  noneHeading: (q: string) => `Aucun produit ne correspond à « ${q} ».`,
  noneTips:
    'Vérifiez l’orthographe, essayez un nom plus court (« nutella » plutôt que « nutella pot 400 g ») ou tapez le code-barres du produit.',
  emptyQuery: 'Tapez le nom d’un aliment ou son code-barres.',
  barcode: (code: string) => `Code-barres ${code}`,
  pagination: 'Pages de résultats',
  previous: 'Page précédente',
  next: 'Page suivante',
  pageOf: (page: number, pages: number) => `Page ${page} sur ${pages}`,
  pastEndHeading: (q: string, page: number) => `Il n’y a pas de page ${page} de résultats pour « ${q} ».`,
  pastEndLink: 'Revenir à la première page des résultats',
  autocompleteHint:
    'Des suggestions s’affichent pendant la saisie ; utilisez les flèches pour les parcourir.',
  suggestions: (count: number) =>
    `${count} suggestion${count > 1 ? 's' : ''} disponible${count > 1 ? 's' : ''}.`,
} as const;

export const frAccounts = {
  email: 'Adresse e-mail',
  password: 'Mot de passe',
  passwordConfirm: 'Confirmation du mot de passe',
  firstName: 'Prénom',
  lastName: 'Nom (facultatif)',
  currentPassword: 'Mot de passe actuel',
  newPassword: 'Nouveau mot de passe',
  passwordHelp: 'Au moins 10 caractères.',
  currentPasswordForEmailHelp: 'Seulement pour changer d’adresse e-mail.',
  signUpTitle: 'Créer un compte',
  signUpLead: 'Créez un compte pour sauvegarder vos substituts dans « Mes aliments ».',
  logInTitle: 'Se connecter',
  logInLead: 'Connectez-vous pour retrouver vos aliments sauvegardés.',
  logInToSave:
    'Connectez-vous : le substitut choisi sera sauvegardé dans Mes aliments aussitôt, et vous reviendrez à votre page.',
  signUpToSave:
    'Créez votre compte : le substitut choisi sera sauvegardé dans Mes aliments aussitôt, et vous reviendrez à votre page.',
  noAccount: 'Pas encore de compte ?',
  haveAccount: 'Déjà un compte ?',
  wrongCredentials: 'Adresse e-mail ou mot de passe incorrect.',
  forgotPasswordLink: 'Mot de passe oublié ?',
  formHasErrors: 'Le formulaire contient des erreurs :',
  errors: {
    emailInvalid: 'Indiquez une adresse e-mail valide.',
    emailTaken: 'Un compte existe déjà avec cette adresse e-mail. Connectez-vous plutôt.',
    firstNameRequired: 'Indiquez votre prénom.',
    tooLong: 'Ce champ est trop long.',
    passwordTooShort: 'Le mot de passe doit contenir au moins 10 caractères.',
    passwordTooLong: 'Le mot de passe est trop long (200 caractères au plus).',
    passwordMismatch: 'Les deux mots de passe ne sont pas identiques.',
    passwordCommon:
      'Ce mot de passe fait partie des plus utilisés : il serait deviné en quelques essais. Choisissez-en un autre.',
    currentPasswordForEmail: 'Indiquez votre mot de passe actuel pour changer d’adresse e-mail.',
    currentPasswordWrong: 'Le mot de passe actuel est incorrect.',
    confirmDelete: 'Cochez la case pour confirmer la suppression.',
  },
  welcome: (firstName: string) => `Bienvenue, ${firstName} ! Votre compte est créé.`,
  loggedIn: (firstName: string) => `Bonjour, ${firstName} !`,
  loggedOut: 'Vous êtes déconnecté. À bientôt !',
  accountTitle: 'Mon compte',
  profileHeading: 'Mes informations',
  saveProfile: 'Enregistrer mes informations',
  profileSaved: 'Vos informations sont enregistrées.',
  passwordHeading: 'Changer de mot de passe',
  changePassword: 'Changer le mot de passe',
  passwordChanged: 'Votre mot de passe est changé. Vos autres appareils ont été déconnectés.',
  exportHeading: 'Mes données',
  exportText:
    'Téléchargez tout ce que Pur Beurre garde sur vous : votre compte et vos aliments sauvegardés, dans un fichier JSON.',
  exportButton: 'Télécharger mes données',
  deleteHeading: 'Supprimer mon compte',
  deleteText: 'La suppression est définitive : votre compte et tous vos aliments sauvegardés seront effacés.',
  deleteConfirm: 'Je confirme vouloir supprimer mon compte et mes aliments sauvegardés',
  deleteButton: 'Supprimer mon compte',
  deleted: 'Votre compte et vos aliments sauvegardés ont été supprimés.',
  nameLabel: 'Nom',
} as const;

export const frReset = {
  title: 'Mot de passe oublié',
  lead: 'Indiquez l’adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.',
  send: 'Recevoir le lien',
  emailInvalid: 'Indiquez une adresse e-mail valide.',
  sent: 'Si un compte existe pour cette adresse, nous venons de lui envoyer un lien valable 30 minutes. Pensez à regarder dans les indésirables.',
  noMail: 'Ce site ne peut pas envoyer d’e-mails : il ne peut donc pas vous envoyer de lien.',
  noMailContact: 'Pour retrouver l’accès à votre compte, écrivez à',
  noMailNoContact: 'Pour retrouver l’accès à votre compte, contactez la personne qui héberge ce site.',
  mailSubject: 'Pur Beurre : choisir un nouveau mot de passe',
  mailText: (link: string, minutes: number) =>
    `Bonjour,\n\nQuelqu’un (vous, sans doute) a demandé à changer le mot de passe de votre compte Pur Beurre.\n\nPour choisir un nouveau mot de passe, ouvrez ce lien dans les ${minutes} minutes :\n${link}\n\nIl ne sert qu’une fois. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.\n\nL’équipe Pur Beurre`,
  newTitle: 'Choisir un nouveau mot de passe',
  save: 'Enregistrer le nouveau mot de passe',
  invalidTitle: 'Lien expiré ou déjà utilisé',
  invalidText: 'Ce lien ne permet plus de changer de mot de passe : il a déjà servi ou a plus de 30 minutes.',
  askAgain: 'Demander un nouveau lien',
  done: 'Votre mot de passe est changé et vous êtes connecté. Vos autres appareils ont été déconnectés.',
} as const;

export const frVerification = {
  mailSubject: 'Pur Beurre : confirmez votre adresse e-mail',
  mailText: (link: string, minutes: number) =>
    `Bonjour,\n\nPour confirmer l’adresse e-mail de votre compte Pur Beurre, ouvrez ce lien dans les ${minutes} minutes :\n${link}\n\nIl ne sert qu’une fois. Si vous n’avez pas créé de compte, ignorez ce message.\n\nL’équipe Pur Beurre`,
  sent: (email: string) =>
    `Nous avons envoyé un lien de confirmation à ${email} : ouvrez-le pour pouvoir sauvegarder des aliments.`,
  pendingNotSaved:
    'Le substitut choisi n’est pas encore sauvegardé : confirmez votre adresse, puis cliquez à nouveau sur « Sauvegarder ».',
  saveNeedsVerification:
    'Confirmez d’abord votre adresse e-mail avec le lien que nous vous avons envoyé : vous pourrez ensuite sauvegarder des aliments. Pas reçu ? Demandez-en un autre dans Mon compte.',
  awaiting: (email: string) =>
    `Votre adresse ${email} n’est pas encore confirmée : ouvrez le lien que nous vous avons envoyé.`,
  resend: 'Renvoyer le lien de confirmation',
  resent: (email: string) => `Nous venons d’envoyer un nouveau lien de confirmation à ${email}.`,
  done: 'Votre adresse e-mail est confirmée : vous pouvez sauvegarder des aliments.',
  invalidTitle: 'Lien expiré ou déjà utilisé',
  invalidText: (minutes: number) =>
    `Ce lien ne permet plus de confirmer votre adresse : il a déjà servi, a plus de ${minutes} minutes, ou l’adresse du compte a changé depuis. Connectez-vous et demandez un nouveau lien dans Mon compte.`,
  toAccount: 'Aller à Mon compte',
} as const;

export const frFavourites = {
  title: 'Mes aliments',
  lead: 'Les substituts que vous avez sauvegardés, rangés par aliment remplacé.',
  empty: 'Vous n’avez encore sauvegardé aucun substitut. Cherchez un aliment pour commencer :',
  replaces: (name: string) => `À la place de ${name}`,
  remove: 'Retirer',
  removeFor: (substitute: string, product: string) => `Retirer ${substitute} (à la place de ${product})`,
  saved: (name: string) => `${name} est sauvegardé dans Mes aliments.`,
  alreadySaved: (name: string) => `${name} est déjà sauvegardé dans Mes aliments.`,
  removed: (name: string) => `${name} est retiré de Mes aliments.`,
  savedOn: (date: string) => `Sauvegardé le ${date}`,
  exportCsv: 'Télécharger (CSV, pour un tableur)',
  exportJson: 'Télécharger (JSON)',
} as const;
