import { Layout, SearchForm } from '../web/layout.js';
import { fr } from '../web/strings.fr.js';

export interface HomeView {
  productCount: number;
  /** Set while the catalogue is the offline snapshot shipped with the site: its data's date. */
  snapshotDate: string | null;
}

export function HomePage(props: HomeView) {
  return (
    <Layout>
      <section class="hero text-center py-4">
        <h1 class="display-5 fw-bold">{fr.tagline}</h1>
        <p class="lead">{fr.heroLead}</p>
        <div class="mx-auto hero-search">
          <SearchForm />
        </div>
        <p class="text-body-secondary">{fr.catalogueSize(props.productCount)}</p>
        {props.snapshotDate === null ? null : (
          <p class="alert alert-warning" role="status">
            {fr.snapshotCatalogue(props.snapshotDate)}
          </p>
        )}
      </section>
      <section class="py-4">
        <h2>{fr.storyTitle}</h2>
        <p>{fr.story}</p>
      </section>
    </Layout>
  );
}
