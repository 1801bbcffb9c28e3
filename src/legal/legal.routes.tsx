import type { FastifyInstance } from 'fastify';
import { Layout } from '../web/layout.js';
import { sendPage } from '../web/render.js';

// Legal notices (LCEN art. 6): who publishes, who hosts, and the Open Food Facts credit its
// licences require (ODbL for the data, CC BY-SA for the pictures).
function LegalPage() {
  return (
    <Layout title="Mentions légales">
      <div class="narrow-wide">
        <h1>Mentions légales</h1>
        <h2>Éditeur</h2>
        <p>
          Pur Beurre est un logiciel libre (licence AGPL-3.0 ou ultérieure) créé par Colette et Rémy. Chaque
          instance est publiée par la personne ou l’organisation qui l’exploite ; son contact figure dans la
          configuration du serveur.
        </p>
        <h2>Hébergement</h2>
        <p>
          Le site est servi par un serveur privé virtuel (VPS) choisi par l’exploitant de cette instance ;
          aucune donnée n’est confiée à un service tiers d’hébergement applicatif.
        </p>
        <h2>Données des produits</h2>
        <p>
          Les informations sur les produits viennent d’
          <a href="https://world.openfoodfacts.org/">Open Food Facts</a>, base de données collaborative, libre
          et ouverte. Elles sont mises à disposition sous la{' '}
          <a href="https://opendatacommons.org/licenses/odbl/1-0/">licence Open Database License (ODbL)</a> ;
          le contenu des fiches sous la{' '}
          <a href="https://opendatacommons.org/licenses/dbcl/1-0/">Database Contents License</a>. Les photos
          des produits sont publiées sous la{' '}
          <a href="https://creativecommons.org/licenses/by-sa/3.0/deed.fr">licence Creative Commons BY-SA</a>{' '}
          par leurs contributeurs d’Open Food Facts. Une erreur sur un produit ? Corrigez-la sur sa fiche Open
          Food Facts : toute la communauté en profitera.
        </p>
        <h2>Données personnelles</h2>
        <p>
          Votre compte ne contient que votre adresse e-mail, votre prénom, votre nom si vous le donnez, votre
          mot de passe sous forme chiffrée (empreinte scrypt) et vos aliments sauvegardés. Un seul cookie,
          strictement nécessaire, garde votre session ouverte. Vous pouvez modifier ou supprimer votre compte
          à tout moment depuis « Mon compte » ; la suppression efface aussi vos aliments sauvegardés.
        </p>
      </div>
    </Layout>
  );
}

export function registerLegalRoutes(app: FastifyInstance): void {
  app.get('/mentions-legales', { config: { pageCache: true } }, (_request, reply) =>
    sendPage(reply, <LegalPage />),
  );
}
