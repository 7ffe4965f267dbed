/**
 * Ordinary posts — not conference recaps — that a reviewer wrote to find false positives (their own
 * writing, no eval post): changelogs, newsletters, syllabi, book lists, interviews, benchmark tables.
 * Unmarked, none may be detected as a recap; marked (the feed says it posts recaps), they may give
 * talks only where a reader could take them for talks.
 */
import { describe, expect, it } from "vitest";
import { parseDocument } from "htmlparser2";
import { extractRecap } from "@recap/core/recaps";
import { textOf } from "../../packages/core/src/recaps/dom";
import { isDayOrDate } from "../../packages/core/src/recaps/entries";

interface Fixture {
  name: string;
  baseUrl: string;
  html: string;
}
const yt = (id: string) => `https://www.youtube.com/watch?v=${id}`;

const fixtures: Fixture[] = [
  {
    name: "01 changelog 'Feature, Author' (en)",
    baseUrl: "https://blog.acme.dev/2025/06/release-4-2/",
    html: `<h1>Acme 4.2 released</h1>
<p>This release focuses on session handling and a faster build. Thanks to everyone who contributed!</p>
<h2>What's new</h2>
<ul>
<li>Configurable session timeouts, Maria Gonzalez</li>
<li>Faster incremental builds, Tomasz Nowak</li>
<li>Dark mode for the dashboard, Priya Raman</li>
<li>Retry logic for webhooks, Daniel Okafor</li>
<li>Fixed a crash when the cache directory is missing</li>
</ul>
<p>Upgrade with <code>npm i acme@4.2</code>.</p>`,
  },
  {
    name: "02 release notes: feature headings + 'By Name' + demo video (en)",
    baseUrl: "https://blog.acme.dev/2025/07/whats-new-july/",
    html: `<h1>What's new in Acme Cloud — July</h1>
<p>Every month we round up the features our team shipped. This month: session replay, faster cold starts and a new CLI. Catch us at the KubeCon booth next month!</p>
<h2>Session replay for every project</h2>
<p>By Jane Whitfield</p>
<p>Session replay is now available on all plans. <a href="${yt("aaa111")}">Watch the demo video</a>.</p>
<h2>Cold starts cut in half</h2>
<p>By Rahul Mehta</p>
<p>We rewrote the loader in Rust. <a href="${yt("bbb222")}">Watch the demo video</a>.</p>
<h2>A new CLI</h2>
<p>By Sofia Lindqvist</p>
<p>The new CLI is a single binary. <a href="${yt("ccc333")}">Watch the demo video</a>.</p>
<h2>Dashboard Insights</h2>
<p>By Marco Bellini</p>
<p>Insights shows the slowest endpoints. <a href="https://docs.acme.dev/insights.pdf">Read the PDF guide</a>.</p>`,
  },
  {
    name: "03 weekly newsletter 'by Name' + videos (en)",
    baseUrl: "https://frontendweekly.example.com/issues/312/",
    html: `<h1>Frontend Weekly #312</h1>
<p>Hi all! Conference season is here — I'm speaking at a meetup in Lyon next week. Here's this week's reading.</p>
<h2>Articles</h2>
<ul>
<li><a href="https://jake.example.org/posts/view-transitions/">View transitions in practice</a> by Jake Morrison — a thorough walk-through.</li>
<li><a href="https://ana.example.net/css-anchors/">CSS anchor positioning explained</a> by Ana Ferreira</li>
<li><a href="https://blog.example.io/signals/">Why signals won</a> by Kenji Watanabe</li>
</ul>
<h2>Videos</h2>
<ul>
<li><a href="${yt("v1")}">Building a design system from scratch</a> by Laura Kim</li>
<li><a href="${yt("v2")}">Debugging memory leaks in Chrome</a> by Omar Haddad</li>
<li><a href="${yt("v3")}">React Server Components without a framework</a> by Tim Becker</li>
</ul>
<h2>Tools</h2>
<ul><li><a href="https://github.com/x/y">y</a> — a tiny bundler</li></ul>`,
  },
  {
    name: "04 weekly links (de): title headings + 'von Name' + video links",
    baseUrl: "https://linkschau.example.de/2025/kw23/",
    html: `<h1>Linkschau KW 23</h1>
<p>Diese Woche war ich auf der JavaLand-Konferenz, daher etwas kürzer. Hier die Links der Woche:</p>
<h3><a href="${yt("de1")}">Virtuelle Threads im Alltag</a></h3>
<p>von Anna Schmidt</p>
<p>Ein sehr gutes Video zu Loom, mit vielen Beispielen.</p>
<h3><a href="${yt("de2")}">Spring Boot ohne Magie</a></h3>
<p>von Felix Wagner</p>
<p>Erklärt, was beim Start wirklich passiert.</p>
<h3><a href="${yt("de3")}">Datenbankmigrationen mit Flyway</a></h3>
<p>von Lena Fischer</p>
<p>Kurz und praxisnah.</p>
<h3><a href="https://heise.example.de/artikel/jdk-25">JDK 25 ist da</a></h3>
<p>von Tobias Braun</p>
<p>Die wichtigsten Neuerungen im Überblick.</p>`,
  },
  {
    name: "05 tutorial: headings + 'Note:'/'Author:' + embedded videos (en)",
    baseUrl: "https://devnotes.example.com/2025/05/deploy-with-docker/",
    html: `<h1>Deploying a Node app with Docker</h1>
<p>I put this together after a few people asked at last month's meetup. Author: Chris Lane.</p>
<h2>Write a Dockerfile</h2>
<p>Note: Jane Doe from Docker explains multi-stage builds very well in the official docs.</p>
<p>Start from the slim image. <a href="${yt("t1")}">Here's a video</a> showing the steps.</p>
<h2>Build the image</h2>
<p>Bret Fisher from Docker shows how to cache layers in his course.</p>
<p>Run <code>docker build</code>. <a href="${yt("t2")}">Video</a></p>
<h2>Push to a registry</h2>
<p>Kelsey Hightower from Google covered this in a short demo.</p>
<p>Tag and push. <a href="${yt("t3")}">Video</a></p>
<h2>Run it in production</h2>
<p>Author: Chris Lane</p>
<p>Use a process manager and health checks. <a href="https://example.com/checklist.pdf">Checklist (PDF)</a></p>`,
  },
  {
    name: "06 course syllabus by day, own-site links (en)",
    baseUrl: "https://ml-course.example.edu/",
    html: `<h1>Intro to Machine Learning — Summer School syllabus</h1>
<p>Lectures run 9:00–12:00, labs in the afternoon. Slides are posted after each session.</p>
<h2>Day 1</h2>
<ul>
<li><a href="/lectures/linear-regression-refresher/">Linear regression refresher and gradients</a></li>
<li><a href="/lectures/loss-functions/">Loss functions and regularisation</a></li>
<li><a href="/lectures/lab-1/">Lab one: fitting your first model</a></li>
</ul>
<h2>Day 2</h2>
<ul>
<li><a href="/lectures/decision-trees/">Decision trees and random forests</a></li>
<li><a href="/lectures/evaluation/">Evaluating models with cross validation</a></li>
<li><a href="/lectures/lab-2/">Lab two: a Kaggle style challenge</a></li>
</ul>
<h2>Day 3</h2>
<ul>
<li><a href="/lectures/nn/">Neural networks from scratch</a> (<a href="/slides/nn.pdf">slides</a>)</li>
<li><a href="/lectures/cnn/">Convolutional networks for images</a> (<a href="/slides/cnn.pdf">slides</a>)</li>
<li><a href="/lectures/rnn/">Sequence models and attention</a> (<a href="/slides/rnn.pdf">slides</a>)</li>
</ul>`,
  },
  {
    name: "07 syllabus lecturers 'Topic, Name' (es)",
    baseUrl: "https://escuela.example.es/curso-datos/",
    html: `<h1>Curso de ciencia de datos: programa</h1>
<p>Estas son las charlas y clases de la primera semana, con sus ponentes:</p>
<ul>
<li>Introducción a pandas, Ana García</li>
<li>Visualización con matplotlib, Luis Fernández</li>
<li>Limpieza de datos reales, Marta Ruiz y Pablo Torres</li>
<li>Estadística para programadores, Javier Moreno</li>
</ul>
<p>Inscripciones abiertas hasta el 30 de junio.</p>`,
  },
  {
    name: "08 book list after a talk (en)",
    baseUrl: "https://ruth.example.blog/2025/books/",
    html: `<h1>Books I keep recommending</h1>
<p>After my talk at the local meetup, several people asked which books I recommend. Here they are:</p>
<ul>
<li>Designing Data-Intensive Applications, Martin Kleppmann</li>
<li>The Pragmatic Programmer, Andrew Hunt and David Thomas</li>
<li>Working Effectively with Legacy Code, Michael Feathers</li>
<li>Accelerate, Nicole Forsgren</li>
<li>A Philosophy of Software Design, John Ousterhout</li>
</ul>`,
  },
  {
    name: "09 book list (fr) 'Titre, Auteur'",
    baseUrl: "https://lectures.example.fr/2025/ete/",
    html: `<h1>Mes lectures de l'été</h1>
<p>Quelques livres lus entre deux conférences cet été :</p>
<ul>
<li>Le Petit Prince, Antoine de Saint-Exupéry</li>
<li>Clean Architecture, Robert Martin</li>
<li>Refactoring en pratique, Martin Fowler</li>
<li>L'art de la guerre, Sun Tzu</li>
</ul>`,
  },
  {
    name: "10 job post: team list 'area, Lead Name' (en)",
    baseUrl: "https://jobs.acme.dev/backend-engineer/",
    html: `<h1>We're hiring: Senior Backend Engineer</h1>
<p>Perks include a conference budget and internal tech talks every Friday. You'd work with these teams and their leads:</p>
<ul>
<li>Payments and billing, Anna Kowalski</li>
<li>Search infrastructure, Priya Nair</li>
<li>Developer experience, Tom Becker</li>
<li>Data platform, Sven Olsen</li>
</ul>
<h2>Requirements</h2>
<ul><li>5+ years with Go or Java</li><li>Experience with Postgres</li></ul>`,
  },
  {
    name: "11 meetup announcement (fr): titles + 'Présenté par'",
    baseUrl: "https://parisjs.example.org/2025/meetup-42/",
    html: `<h1>Meetup Paris.js #42 — jeudi 12 juin</h1>
<p>Le prochain meetup aura lieu chez Doctolib. Inscription sur <a href="https://www.meetup.com/parisjs/events/42/">Meetup</a>.</p>
<h3>Migrer vers Vite sans douleur</h3>
<p>Présenté par Jeanne Martin</p>
<h3>Les signaux dans Angular</h3>
<p>Présenté par Karim Benali</p>
<h3>Tester ses composants avec Playwright</h3>
<p>Présenté par Claire Dubois</p>
<p>Les vidéos des éditions précédentes : <a href="https://www.youtube.com/@parisjs">chaîne YouTube</a>.</p>`,
  },
  {
    name: "12 team diary 'Day 1/Day 2' linking own posts (en)",
    baseUrl: "https://eng.acme.dev/2025/offsite/",
    html: `<h1>Our team offsite in Lisbon</h1>
<p>Five of us spent three days working together in person. Here's what we worked on, with links to the write-ups.</p>
<h2>Day 1</h2>
<ul>
<li><a href="/2025/monorepo-migration/">Moving our services into a monorepo</a></li>
<li><a href="/2025/onboarding-checklist/">A better onboarding checklist for new hires</a></li>
<li><a href="/2025/on-call-rotation/">Rethinking our on-call rotation</a></li>
</ul>
<h2>Day 2</h2>
<ul>
<li><a href="/2025/feature-flags/">Cleaning up old feature flags</a></li>
<li><a href="/2025/incident-review/">How we run incident reviews now</a></li>
<li><a href="/2025/roadmap-q3/">Planning the Q3 roadmap together</a></li>
</ul>`,
  },
  {
    name: "13 team diary (de) 'Tag 1' + talk word + videos",
    baseUrl: "https://team.example.de/2025/hackwoche/",
    html: `<h1>Unsere Hackwoche</h1>
<h2>Tag 1</h2>
<p>Dieser Vortrag von unserem CTO zum Auftakt war kurz. Dann ging es los.</p>
<p><a href="${yt("h1")}">Video</a></p>
<h2>Tag 2</h2>
<p>Der Vortrag zum Thema Sicherheit kam gut an. Danach Pizza.</p>
<p><a href="${yt("h2")}">Video</a></p>
<h2>Tag 3</h2>
<p>Ein toller Vortrag über unsere Demo-Ergebnisse beendete die Woche.</p>
<p><a href="${yt("h3")}">Video</a></p>`,
  },
  {
    name: "14 benchmark table with PDF links (en)",
    baseUrl: "https://perf.example.com/2025/json-parsers/",
    html: `<h1>Benchmarking JSON parsers in 2025</h1>
<p>I ran each parser on three machines. Full reports are linked.</p>
<table>
<tr><th>Parser</th><th>Laptop</th><th>Server</th><th>Raspberry Pi</th></tr>
<tr><td>simdjson</td><td>fastest overall <a href="/reports/simd-laptop.pdf">PDF</a></td><td>fastest overall <a href="/reports/simd-server.pdf">PDF</a></td><td>runs fine <a href="/reports/simd-pi.pdf">PDF</a></td></tr>
<tr><td>serde_json</td><td>close second <a href="/reports/serde-laptop.pdf">PDF</a></td><td>close second <a href="/reports/serde-server.pdf">PDF</a></td><td>slow startup <a href="/reports/serde-pi.pdf">PDF</a></td></tr>
<tr><td>RapidJSON</td><td>very stable <a href="/reports/rapid-laptop.pdf">PDF</a></td><td>memory hungry <a href="/reports/rapid-server.pdf">PDF</a></td><td>did not build <a href="/reports/rapid-pi.pdf">PDF</a></td></tr>
</table>`,
  },
  {
    name: "15 tools comparison table with link cells (en)",
    baseUrl: "https://tooling.example.com/2025/js-toolchain/",
    html: `<h1>My JavaScript toolchain in 2025</h1>
<table>
<tr><th>Job</th><th>Option A</th><th>Option B</th></tr>
<tr><td>Formatting</td><td>Prettier <a href="https://prettier.io/docs">docs</a></td><td>Biome <a href="https://biomejs.dev">docs</a></td></tr>
<tr><td>Linting</td><td>ESLint <a href="https://eslint.org/docs">docs</a></td><td>Oxlint <a href="https://oxc.rs">docs</a></td></tr>
<tr><td>Bundling</td><td>Vite <a href="https://vitejs.dev">docs</a></td><td>Rspack <a href="https://rspack.dev">docs</a></td></tr>
</table>`,
  },
  {
    name: "16 podcast episode list 'Title — Guest' (en)",
    baseUrl: "https://devtalk.example.fm/episodes/",
    html: `<h1>Season 3 of the DevTalk podcast</h1>
<p>All episodes of season three, with our guests:</p>
<ul>
<li><a href="${yt("p1")}">Scaling Postgres at a startup</a> — Jane Doe</li>
<li><a href="${yt("p2")}">Life as an open source maintainer</a> — Raj Patel</li>
<li><a href="${yt("p3")}">From bootcamp to staff engineer</a> — Ann Lee</li>
<li><a href="${yt("p4")}">Burnout and how to avoid it</a> — Mark Stone</li>
</ul>`,
  },
  {
    name: "17 podcast (es) 'Título — Invitado' no links + 'charlas'",
    baseUrl: "https://podcast.example.es/temporada-2/",
    html: `<h1>Temporada 2</h1>
<p>Además de nuestras charlas en eventos, esta temporada tuvimos estos episodios:</p>
<ul>
<li>Cómo escalar Postgres, Ana García</li>
<li>Mantener software libre, Luis Fernández</li>
<li>De bootcamp a senior, Marta Ruiz</li>
</ul>`,
  },
  {
    name: "18 interview Q:/A: with speaker labels (en)",
    baseUrl: "https://blog.acme.dev/2025/interview-jane/",
    html: `<h1>Interview: Jane Doe on building developer tools</h1>
<p>We sat down with Jane after her conference keynote.</p>
<p><strong>Q: How did you get into developer tools?</strong></p>
<p>Speaker: Jane Doe — I started at a small startup building a CLI.</p>
<p><strong>Q: What is the hardest part?</strong></p>
<p>Speaker: Jane Doe — Naming things, honestly.</p>
<p><strong>Q: Any advice for new maintainers?</strong></p>
<p>Speaker: Jane Doe — Write the docs first.</p>
<p>Watch the full conversation: <a href="${yt("i1")}">video</a>.</p>`,
  },
  {
    name: "19 interview: topic headings + 'Name from Org explains' (en)",
    baseUrl: "https://blog.example.fr/2025/entretien/",
    html: `<h1>Meet the platform team</h1>
<p>We met them at the Devoxx France conference; they told us about their work.</p>
<h3>Moving to Kubernetes</h3>
<p>Julie Bernard from Doctolib explains that the migration took a year. <a href="${yt("f1")}">Video clip</a></p>
<h3>Why we picked Go</h3>
<p>Marc Petit from Doctolib shows why Go was chosen. <a href="${yt("f2")}">Video clip</a></p>
<h3>Team culture</h3>
<p>Sarah Cohen from Doctolib presented the team rituals. <a href="${yt("f3")}">Video clip</a></p>`,
  },
  {
    name: "20 speaking tips: 'A good talk…' sections + recordings (en)",
    baseUrl: "https://speakwell.example.com/2025/tips/",
    html: `<h1>How I prepare a conference talk</h1>
<p>I've spoken at a dozen conferences. These are the habits that helped me.</p>
<h2>Start with a story</h2>
<p>A good talk opens with something personal. <a href="${yt("s1")}">Recording</a> of an example.</p>
<h2>Cut your slides in half</h2>
<p>The talk should not depend on slides. <a href="${yt("s2")}">Recording</a></p>
<h2>Rehearse out loud</h2>
<p>This talk advice sounds obvious but works. <a href="${yt("s3")}">Recording</a></p>
<h2>Leave time for questions</h2>
<p>A great talk ends early. <a href="${yt("s4")}">Recording</a></p>`,
  },
  {
    name: "21 newsletter: linked video + 'Name walks you through / explores' (en)",
    baseUrl: "https://weekly.example.com/issues/88/",
    html: `<h1>Python Weekly #88</h1>
<p>Hello! Here are this week's picks.</p>
<ul>
<li><a href="${yt("n1")}">Understanding asyncio task groups</a>. Łukasz Nowak walks you through structured concurrency with plenty of examples.</li>
<li><a href="${yt("n2")}">Packaging in 2025</a>. Hynek Schlawack explores the current state of pyproject tooling.</li>
<li><a href="${yt("n3")}">Profiling slow Django views</a>. Adam Johnson describes a workflow with py-spy.</li>
<li><a href="https://realpython.example.com/typing/">Type hints cheat sheet</a>. A handy reference.</li>
</ul>`,
  },
  {
    name: "22 newsletter: 'Name's <video link>' possessive (en)",
    baseUrl: "https://weekly.example.com/issues/89/",
    html: `<h1>Rust Digest #89</h1>
<p>A quiet week. Some things worth your time:</p>
<ul>
<li>Jon Gjengset’s <a href="${yt("r1")}">stream on atomics</a> is long but excellent.</li>
<li>Amos Wenger’s <a href="${yt("r2")}">video about async traits</a> finally made it click for me.</li>
<li>Mara Bos’s <a href="${yt("r3")}">explainer on memory ordering</a> pairs well with her book.</li>
<li>The <a href="https://blog.rust-lang.org/">Rust blog</a> announced 1.88.</li>
</ul>`,
  },
  {
    name: "23 tutorial list: '<a>Part 1</a> and <a>Part 2</a>' joined videos (en)",
    baseUrl: "https://learn.example.com/2025/rust-course/",
    html: `<h1>Learning Rust: my video playlist</h1>
<p>These are the videos I used, in order.</p>
<ul>
<li><a href="${yt("j1")}">Ownership basics</a> and <a href="${yt("j2")}">Borrowing rules</a>: watch these together.</li>
<li><a href="${yt("j3")}">Error handling with Result</a> and <a href="${yt("j4")}">The question mark operator</a>.</li>
<li><a href="${yt("j5")}">Traits and generics</a> and <a href="${yt("j6")}">Lifetimes demystified</a>.</li>
</ul>`,
  },
  {
    name: "24 roadmap post: headings + 'Led by' + demo links in a list below (en)",
    baseUrl: "https://blog.acme.dev/2025/q3-roadmap/",
    html: `<h1>Q3 roadmap update</h1>
<p>We presented this at our user conference last week. Here's the written version.</p>
<h2>Offline sync</h2>
<p>Led by Jane Whitfield</p>
<p>Offline mode now syncs in the background.</p>
<ul><li>Demo: <a href="${yt("q1")}">watch it</a></li></ul>
<h2>Audit log export</h2>
<p>Led by Rahul Mehta</p>
<p>Export audit logs to S3.</p>
<ul><li>Demo: <a href="${yt("q2")}">watch it</a></li></ul>
<h2>Team permissions</h2>
<p>Led by Sofia Lindqvist</p>
<p>Fine-grained roles for every workspace.</p>
<ul><li>Demo: <a href="${yt("q3")}">watch it</a></li></ul>`,
  },
  {
    name: "25 interview (en) topic headings + 'Name from Org' answers, no video",
    baseUrl: "https://blog.example.fr/2025/entretien2/",
    html: `<h1>Meet the platform team</h1>
<p>We met them at the Devoxx France conference.</p>
<h3>Moving to Kubernetes</h3>
<p>Julie Bernard from Doctolib explains that the migration took a year.</p>
<h3>Why we picked Go</h3>
<p>Marc Petit from Doctolib says Go was an easy choice.</p>
<h3>Team culture</h3>
<p>Sarah Cohen from Doctolib describes the team rituals.</p>`,
  },
  {
    name: "26 CI matrix table (de) cells 'bestanden <a>Log</a>'",
    baseUrl: "https://ci.example.de/2025/matrix/",
    html: `<h1>Unsere CI-Matrix</h1>
<table>
<tr><th>System</th><th>Node 20</th><th>Node 22</th></tr>
<tr><td>Linux</td><td>bestanden <a href="/logs/1">Log</a></td><td>bestanden <a href="/logs/2">Log</a></td></tr>
<tr><td>macOS</td><td>bestanden <a href="/logs/3">Log</a></td><td>fehlgeschlagen <a href="/logs/4">Log</a></td></tr>
</table>`,
  },
  {
    name: "27 course syllabus (es) 'Clase 1: …, Profesora …' after 'charlas y clases'",
    baseUrl: "https://academia.example.es/2025/curso-python/",
    html: `<h1>Curso de Python desde cero</h1>
<p>Abrimos inscripciones para el curso de otoño. Plazas limitadas.</p>
<p>Habrá charlas y clases prácticas en el aula 3, los martes y jueves por la tarde:</p>
<ul>
<li>Clase 1: Variables y tipos de datos, Profesora Lucía Romero</li>
<li>Clase 2: Bucles y condiciones, Profesora Lucía Romero</li>
<li>Clase 3: Funciones y módulos, Profesor Andrés Molina</li>
<li>Clase 4: Ficheros y excepciones, Profesor Andrés Molina</li>
</ul>
<p>Escríbenos para reservar la tuya.</p>`,
  },
  {
    name: "28 team diary (de): 'Tag 1' / 'Tag 2' headings with a day's video and links to its own pages",
    baseUrl: "https://team.example.de/2025/offsite-lissabon/",
    html: `<h1>Unser Team-Offsite in Lissabon</h1>
<p>Eine Woche lang haben wir als Team zusammen gearbeitet, gekocht und geplant. Hier unser Tagebuch.</p>
<h2>Tag 1</h2>
<ul>
<li><a href="/wiki/planung-des-naechsten-quartals/">Planung des nächsten Quartals</a></li>
<li><a href="/wiki/retro-zum-release/">Retro zum Release 4.2</a></li>
<li><a href="/wiki/migration-auf-die-neue-datenbank/">Migration auf die neue Datenbank</a></li>
</ul>
<p>Ankunft, Planung und ein langer Abend. <iframe src="https://www.youtube.com/embed/tag1aa"></iframe></p>
<h2>Tag 2</h2>
<ul>
<li><a href="/wiki/aufraeumen-im-alten-monorepo/">Aufräumen im alten Monorepo</a></li>
<li><a href="/wiki/workshop-such-api/">Workshop zur neuen Such-API</a></li>
<li><a href="/wiki/wanderung-an-der-kueste/">Wanderung an der Küste entlang</a></li>
</ul>
<p>Aufräumen und Kochen. <iframe src="https://www.youtube.com/embed/tag2bb"></iframe></p>
<h2>Tag 3</h2>
<p>Rückreise. <iframe src="https://www.youtube.com/embed/tag3cc"></iframe></p>
<p>Nächstes Jahr wieder!</p>`,
  },
  {
    name: "29 job post (en) mentioning 'my talk': teams 'Area, Lead'",
    baseUrl: "https://blog.acme.dev/2025/09/we-are-hiring/",
    html: `<h1>We are hiring</h1>
<p>After my talk last month, a lot of you asked whether we have open roles. We do! We are growing four teams this autumn, and each lead is happy to chat.</p>
<ul>
<li>Payments and billing backend, Jana Novak</li>
<li>Search ranking and relevance, Omar Haddad</li>
<li>Mobile release tooling, Priya Raman</li>
<li>Internal developer portal, Tomasz Nowak</li>
</ul>
<p>Apply on our careers page.</p>`,
  },
];

/**
 * Posts detected before the rules these tests guard, by design: a newsletter's or podcast's list of
 * titled videos with their speakers reads as a list of talks worth watching (detect.ts), and headings
 * each linking a recording read as talk headings. Not asserted here. The benchmark table (14) still
 * passes by its rows, each a line linking three PDFs; its cells are no longer a timetable's talks.
 */
const DETECTED_BY_DESIGN = new Set(["02", "03", "04", "06", "13", "16", "19", "20", "14"]);

/** Most talks a marked feed may take from the post (omitted: not asserted). */
const MARKED_TALKS: Record<string, number> = {
  "12": 0, // a diary's days are no conference's days: no notes on talks under them
  "15": 0, // no timetable without times, slots, rooms or tracks
  "14": 3,
  "26": 0,
  "21": 3, // a newsletter's three titled videos, with their presenters: a reader's talks to watch
  "22": 3,
  "23": 6,
  "24": 3,
  "27": 0, // "charlas y clases" mentions talks; it does not introduce the list as talks
  "28": 0, // "Tag 1" is a day, not a talk; and a diary about no conference has no conference days
  "29": 0, // "after my talk" is a mention, not an introduction of the list
};

const talks = (f: Fixture, marked: boolean) => extractRecap(f.html, { baseUrl: f.baseUrl, marked }).items.filter((i) => i.kind === "talk");

describe("ordinary posts are not recaps", () => {
  for (const f of fixtures) {
    const id = f.name.slice(0, 2);
    if (!DETECTED_BY_DESIGN.has(id))
      it(`${f.name}: not detected when the feed is not marked`, () => {
        const r = extractRecap(f.html, { baseUrl: f.baseUrl, marked: false });
        expect(r.detected).toBe(false);
        expect(r.items).toEqual([]);
      });
    const most = MARKED_TALKS[id];
    if (most !== undefined)
      it(`${f.name}: at most ${most} talks when marked`, () => {
        expect(talks(f, true).length).toBeLessThanOrEqual(most);
      });
  }
});

describe("numbered days in other languages", () => {
  it("are days, not talks or events", () => {
    for (const day of ["Day 1", "Tag 1", "Día 1", "Dia 2", "Jour 1", "Dag 3", "1日目", "第一天", "第2日", "2. Tag"])
      expect(isDayOrDate(day), day).toBe(true);
    for (const title of ["Tagging at scale", "Diablo 2", "Dagger in practice", "Journey 2", "Denial 1"])
      expect(isDayOrDate(title), title).toBe(false);
  });
});

describe("how far a look at a block reads", () => {
  it("counts text as cleaned: indentation never cuts the look short", () => {
    const indent = (depth: number) => "\n" + "\t".repeat(depth);
    let html = "<p>Speaker: Jane Doe, Acme Corp.</p>" + "<p>This part explains at length how the setting works.</p>".repeat(12);
    for (let depth = 12; depth > 0; depth--) html = `${indent(depth)}<div>${html}${indent(depth)}</div>`;
    const nodes = parseDocument(html).children;
    const full = textOf(nodes);
    expect(full.length).toBeGreaterThan(600);
    // As much cleaned text as asked for: the speaker line and what follows it.
    expect(textOf(nodes, 400)).toBe(full.slice(0, 400));
  });
});
