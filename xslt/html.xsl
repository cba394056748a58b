<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML reading edition: one page per document (match tei:TEI), and from the whole
  edition (match ed:edition, with $page) the index and the persons index.
  Text and attributes are written by the serializer, so TEI content is always escaped;
  links are made only from http(s) URLs and from ids; no TEI attribute is copied as-is.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"/>

  <!-- What each document page offers to download (set by the build: pdf, text, tei). -->
  <xsl:param name="downloads" as="xs:string" select="''"/>
  <!-- Which page to make from a summary (ed:edition): "index", "persons", "places" ... -->
  <xsl:param name="page" as="xs:string" select="'index'"/>
  <!-- What the title of an edition page names: the volume (if any) and the edition. -->
  <xsl:variable name="ed:scope" as="xs:string" select="string-join(($volume-title[$volume], $edition-title), ' — ')"/>

  <!-- Page frame ======================================================================= -->
  <xsl:template name="ed:page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="meta" as="element()*" select="()"/>
    <xsl:param name="content" as="item()*"/>
    <xsl:call-template name="ed:check-params"/>
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/></title>
        <xsl:sequence select="$meta"/>
        <link rel="stylesheet" href="edition.css"/>
        <script src="edition.js" defer="defer"></script>
      </head>
      <body class="view-{$default-view}">
        <xsl:if test="self::tei:TEI">
          <xsl:attribute name="data-document" select="replace($href, '\.html$', '')"/>
          <xsl:if test="ed:safe-contact($suggest-to)">
            <xsl:attribute name="data-suggest-to" select="ed:safe-contact($suggest-to)"/>
          </xsl:if>
        </xsl:if>
        <a class="skip" href="#main">Skip to content</a>
        <header class="site">
          <nav aria-label="Edition">
            <a href="index.html"><xsl:value-of select="$edition-title"/></a>
            <a href="persons.html">Persons</a>
            <a href="places.html">Places and bodies</a>
            <a href="abbreviations.html">Abbreviations</a>
            <a href="errata.html">Errata</a>
            <a href="method.html">How to read</a>
          </nav>
          <form class="site-search" role="search" action="search.html" method="get" aria-label="Search the edition">
            <label for="site-q" class="visually-hidden">Search the edition</label>
            <input type="search" id="site-q" name="q" placeholder="Search the edition"/>
            <button type="submit">Search</button>
          </form>
        </header>
        <main id="main">
          <xsl:sequence select="$content"/>
        </main>
        <footer class="site">
          <p>
            <xsl:if test="$publisher"><xsl:value-of select="'Published by ' || $publisher || '. '"/></xsl:if>
            <xsl:choose>
              <xsl:when test="$licence and ed:safe-url($licence-url)">
                <a rel="license" href="{ed:safe-url($licence-url)}"><xsl:value-of select="$licence"/></a>
                <xsl:text>. </xsl:text>
              </xsl:when>
              <xsl:when test="$licence"><xsl:value-of select="$licence || '. '"/></xsl:when>
            </xsl:choose>
            <xsl:text>A TEI P5 edition. Every page works without JavaScript.</xsl:text>
          </p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- A document page ================================================================== -->
  <xsl:template match="/tei:TEI">
    <xsl:variable name="tei" select="."/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="ed:title(.) || ' — ' || $edition-title"/>
      <xsl:with-param name="meta" as="element()*">
        <meta name="citation_title" content="{ed:title(.)}"/>
        <xsl:if test="ed:sender(.)"><meta name="citation_author" content="{ed:sender(.)}"/></xsl:if>
        <meta name="citation_publication_date" content="{translate(ed:date(.), '-', '/')}"/>
        <meta name="citation_publisher" content="{$edition-title}"/>
        <meta name="citation_language" content="en"/>
        <xsl:if test="$base-url"><meta name="citation_public_url" content="{$base-url || $href}"/></xsl:if>
      </xsl:with-param>
      <xsl:with-param name="content" as="node()*">
        <!-- The build puts this document's place in the edition here (page "navigation"). -->
        <xsl:comment>ed:nav</xsl:comment>
        <nav class="doc-nav" aria-label="Documents of the edition"><a href="index.html">Contents</a></nav>
        <xsl:comment>/ed:nav</xsl:comment>
        <article id="{@xml:id}">
          <header class="doc-head">
            <h1><xsl:value-of select="ed:title(.)"/></h1>
            <p class="doc-date">
              <xsl:value-of select="ed:place(.)[.] ! (. || ', ')"/>
              <time datetime="{ed:event-date(.)}"><xsl:value-of select="ed:date-label(ed:event-date(.))"/></time>
              <xsl:if test="ed:event-date(.) ne ed:date(.)">
                <xsl:value-of select="' (dispatched ' || ed:date-label(ed:date(.)) || ')'"/>
              </xsl:if>
            </p>
            <dl class="heading-block">
              <xsl:if test="ed:sender(.)"><dt>From</dt><dd><xsl:value-of select="ed:sender(.)"/></dd></xsl:if>
              <xsl:if test="exists(ed:participants(.))">
                <dt>Participants</dt><dd><xsl:value-of select="string-join(ed:participants(.), ', ')"/></dd>
              </xsl:if>
              <xsl:if test="ed:summary(.)"><dt>Subject</dt><dd><xsl:value-of select="ed:summary(.)"/></dd></xsl:if>
              <dt>Source</dt><dd><xsl:value-of select="ed:source-note(.)"/></dd>
              <xsl:if test="exists(ed:translators(.))">
                <dt>Translation</dt><dd><xsl:value-of select="string-join(ed:translators(.), ', ')"/></dd>
              </xsl:if>
            </dl>
            <xsl:variable name="stem" select="substring-before($href, '.html')"/>
            <xsl:if test="$downloads and $stem">
              <p class="downloads">Download:
                <xsl:for-each select="tokenize($downloads)">
                  <xsl:if test="position() gt 1"> · </xsl:if>
                  <a href="../{.}/{$stem}{map { 'pdf': '.pdf', 'text': '.txt', 'tei': '.xml' }(.)}"
                     download="">
                    <xsl:value-of select="map { 'pdf': 'PDF', 'text': 'plain text', 'tei': 'TEI (XML)' }(.)"/>
                  </a>
                </xsl:for-each>
              </p>
            </xsl:if>
          </header>
          <xsl:call-template name="ed:metadata"/>
          <form class="views" aria-label="View of the text">
            <fieldset>
              <legend>View</legend>
              <xsl:for-each select="$views">
                <label>
                  <input type="radio" name="view" value="{.}" id="view-{.}">
                    <xsl:if test=". = $default-view"><xsl:attribute name="checked" select="'checked'"/></xsl:if>
                  </input>
                  <xsl:value-of select="if (. = 'reading') then ' Reading (editorial)' else ' Diplomatic (as transcribed)'"/>
                </label>
              </xsl:for-each>
            </fieldset>
          </form>
          <xsl:apply-templates select="tei:text/tei:body/tei:div"/>
          <xsl:if test=".//tei:note[@type = 'footnote']">
            <section class="notes" aria-labelledby="notes-h">
              <h2 id="notes-h">Notes</h2>
              <ol>
                <xsl:for-each select=".//tei:note[@type = 'footnote']">
                  <li id="{@xml:id}" value="{ed:note-number(.)}">
                    <xsl:apply-templates/>
                    <xsl:text> </xsl:text>
                    <a href="#{@xml:id}-ref" class="backlink" aria-label="Back to the text">↩</a>
                  </li>
                </xsl:for-each>
              </ol>
            </section>
          </xsl:if>
          <xsl:if test="exists(ed:corrections(.))">
            <section class="errata" aria-labelledby="errata-h">
              <h2 id="errata-h">Corrections</h2>
              <xsl:call-template name="ed:errata-rows"><xsl:with-param name="tei" select="."/></xsl:call-template>
            </section>
          </xsl:if>
          <section class="cite" aria-labelledby="cite-h">
            <h2 id="cite-h">Cite this document</h2>
            <p class="citation"><xsl:value-of select="ed:chicago($tei)"/></p>
          </section>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:function name="ed:chicago" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="tr" select="ed:translators($tei)"/>
    <xsl:sequence select="string-join((
      ed:sender($tei)[.] ! (. || ', '),
      '“' || ed:title($tei) || ',” ',
      ed:date-label(ed:date($tei)), '. ',
      ed:repository($tei)[.] ! (. || (if (ed:shelfmark($tei)) then ', ' || ed:shelfmark($tei) else '') || '. '),
      if (exists($tr)) then 'Translated by ' || string-join($tr, ' and ') || '. ' else (),
      'In ', $edition-title, ', ',
      if ($base-url) then $base-url || $href || ' (accessed [date]).'
      else 'not yet published at a permanent address.'), '')"/>
  </xsl:function>

  <xsl:template name="ed:metadata">
    <section class="metadata" aria-labelledby="meta-h">
      <details>
        <summary><h2 id="meta-h">About this document</h2> <span class="extent">citation, archive, rights and history</span></summary>
        <dl>
          <xsl:for-each select="ed:fields(.)[?label ne 'Source']">
            <dt><xsl:value-of select="?label"/></dt>
            <dd><xsl:value-of select="?value"/></dd>
          </xsl:for-each>
          <xsl:if test="ed:source-url(.)">
            <dt>Source</dt>
            <dd><a href="{ed:source-url(.)}"><xsl:value-of select="ed:source-url(.)"/></a></dd>
          </xsl:if>
        </dl>
      </details>
    </section>
  </xsl:template>

  <!-- The original: open when it is the only text; beside a translation, a click away, its
       summary saying how long it is and whether it breaks off (a fragment). -->
  <xsl:template match="tei:div[@type = 'original']">
    <section class="original" lang="{@xml:lang}" aria-labelledby="{@type}-h">
      <details>
        <xsl:if test="not(../tei:div[@type = 'translation'])"><xsl:attribute name="open" select="'open'"/></xsl:if>
        <summary>
          <h2 id="{@type}-h" lang="en"><xsl:value-of select="ed:div-title(.)"/></h2>
          <span class="extent" lang="en"><xsl:value-of select="ed:extent(.)"/></span>
        </summary>
        <xsl:apply-templates/>
      </details>
    </section>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'translation']">
    <section class="translation" id="text" lang="{@xml:lang}" aria-labelledby="text-h">
      <h2 id="text-h"><xsl:value-of select="ed:div-title(.)"/></h2>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- Hooks ============================================================================== -->
  <xsl:template name="ed:block">
    <p id="{@xml:id}" class="{local-name()} {@type}">
      <xsl:apply-templates/>
      <xsl:call-template name="ed:anchor"/>
    </p>
  </xsl:template>

  <xsl:template name="ed:anchor">
    <xsl:if test="@xml:id">
      <xsl:text> </xsl:text>
      <!-- A ¶, and on hover and focus the paragraph's label as registers and search give
           it (CSS, from data-label: no text of its own, so that copied text has none). -->
      <a class="anchor" href="#{@xml:id}" aria-label="Link to {(ed:paragraph(.)[.], 'this passage')[1]}"
         data-label="{(ed:paragraph(.)[.], '¶')[1]}">
        <xsl:if test="$base-url"><xsl:attribute name="title" select="$base-url || $href || '#' || @xml:id"/></xsl:if>
      </a>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ed:turn">
    <div class="sp" id="{@xml:id}" data-who="{ed:person-id(@who)}">
      <xsl:apply-templates select="tei:speaker"/>
      <div class="speech">
        <xsl:apply-templates select="* except (tei:speaker | tei:stage)"/>
      </div>
      <xsl:call-template name="ed:anchor"/>
    </div>
  </xsl:template>

  <xsl:template name="ed:quote">
    <blockquote class="said" id="{@xml:id}">
      <xsl:apply-templates/>
      <xsl:if test="@who">
        <p class="said-by">— <a href="persons.html#{ed:person-id(@who)}"><xsl:value-of select="ed:person-name(@who, '')"/></a></p>
      </xsl:if>
    </blockquote>
  </xsl:template>

  <xsl:template name="ed:note">
    <xsl:choose>
      <xsl:when test="@type = 'footnote'">
        <a class="noteref" id="{@xml:id}-ref" href="#{@xml:id}" role="doc-noteref"
           aria-label="Note {ed:note-number(.)}"><sup><xsl:value-of select="ed:note-number(.)"/></sup></a>
      </xsl:when>
      <xsl:when test="ed:in-line(.)">
        <span class="note {@type}" id="{@xml:id}" title="{ed:explain(.)}">
          <xsl:value-of select="'[' || ed:note-label(.)"/>
          <xsl:apply-templates/>]</span>
      </xsl:when>
      <xsl:otherwise>
        <aside class="note {@type}" id="{@xml:id}" aria-label="Editor's note">
          <p>
            <xsl:if test="ed:note-label(.)"><span class="label"><xsl:value-of select="ed:note-label(.)"/></span></xsl:if>
            <xsl:apply-templates/>
          </p>
        </aside>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ed:mark">
    <xsl:param name="reading" as="item()*"/>
    <xsl:param name="diplomatic" as="item()*"/>
    <span class="mark {local-name()} {@reason}{if (@cert = 'low') then ' uncertain' else ''}"
          title="{ed:explain(.)}" tabindex="0">
      <span class="reading"><xsl:sequence select="$reading"/><xsl:if test="self::tei:choice"><sup class="corr-mark" aria-hidden="true">°</sup></xsl:if></span>
      <span class="diplomatic"><xsl:sequence select="$diplomatic"/></span>
    </span>
  </xsl:template>

  <xsl:template name="ed:break">
    <xsl:choose>
      <xsl:when test="self::tei:lb"><br/></xsl:when>
      <xsl:otherwise><xsl:value-of select="ed:pb-space(.)"/><span class="pb" title="Page break">‖</span><xsl:value-of select="ed:pb-space(.)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ed:name">
    <xsl:choose>
      <xsl:when test="self::tei:persName and @ref">
        <a class="person" href="persons.html#{ed:person-id(@ref)}"><xsl:apply-templates/></a>
      </xsl:when>
      <!-- A place or body listed in tei/places.xml links to its register entry; an
           abbreviation also says what it stands for. -->
      <xsl:when test="(self::tei:placeName | self::tei:orgName) and exists(ed:entry-of(.))">
        <xsl:variable name="entry" select="ed:entry-of(.)"/>
        <a class="{local-name()}" href="places.html#{$entry/@xml:id}">
          <xsl:choose>
            <xsl:when test="$entry/*[@type = 'abbreviation'][normalize-space() = normalize-space(current())]">
              <abbr title="{ed:forms($entry)[1]}"><xsl:apply-templates/></abbr>
            </xsl:when>
            <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
          </xsl:choose>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:date[@when]">
    <time datetime="{@when}">
      <xsl:if test="@cert"><xsl:attribute name="title" select="'Year inferred from the document date'"/></xsl:if>
      <xsl:apply-templates/>
    </time>
  </xsl:template>

  <xsl:template name="ed:emph">
    <xsl:element name="{$ed:html-tags(ed:emphasis(.))}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template name="ed:list">
    <ul id="{@xml:id}" class="list {@type}">
      <xsl:for-each select="tei:item"><li><xsl:apply-templates select="."/></li></xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template name="ed:top">
    <xsl:choose>
      <xsl:when test="self::tei:head"><h3 class="head {@type}"><xsl:apply-templates/></h3></xsl:when>
      <xsl:when test="self::tei:opener | self::tei:closer | self::tei:postscript">
        <div class="{local-name()}"><xsl:apply-templates/></div>
      </xsl:when>
      <xsl:when test="self::tei:speaker">
        <p class="speaker"><xsl:apply-templates/><xsl:apply-templates select="following-sibling::*[1][self::tei:stage]"/></p>
      </xsl:when>
      <xsl:otherwise><span class="{local-name()} {@type}"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Edition pages ====================================================================== -->
  <xsl:template match="/ed:edition">
    <xsl:choose>
      <xsl:when test="$page = 'persons'"><xsl:call-template name="ed:persons-page"/></xsl:when>
      <xsl:when test="$page = 'errata'"><xsl:call-template name="ed:errata-page"/></xsl:when>
      <xsl:when test="$page = 'search'"><xsl:call-template name="ed:search-page"/></xsl:when>
      <xsl:when test="$page = 'navigation'"><xsl:call-template name="ed:navigation"/></xsl:when>
      <xsl:when test="$page = 'method'"><xsl:call-template name="ed:method-page"/></xsl:when>
      <xsl:when test="$page = 'places'"><xsl:call-template name="ed:places-page"/></xsl:when>
      <xsl:when test="$page = 'abbreviations'"><xsl:call-template name="ed:abbreviations-page"/></xsl:when>
      <xsl:when test="$page = 'volume-summary'"><xsl:call-template name="ed:volume-summary"/></xsl:when>
      <xsl:when test="$page = 'search-options'">
        <div><xsl:comment>ed:options</xsl:comment><xsl:call-template name="ed:search-options"/><xsl:comment>/ed:options</xsl:comment></div>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="ed:index-page"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What the edition's own pages need to know of one volume, when the edition is
       divided into volumes (page "volume-summary", read back as XML by the build): its
       size grows with the persons, places and abbreviations the volume names, not with
       its documents, so the edition's pages take the same memory however many volumes.
       <ed:volume id title documents from to corrections others>
         <ed:lang ident/>            each language of its documents
         <ed:named ref documents/>   each person, place or body named, in how many documents
         <ed:abbr form documents/>   each abbreviation used, in how many documents -->
  <xsl:template name="ed:volume-summary">
    <xsl:variable name="root" select="root()"/>
    <xsl:variable name="dates" select="sort(ed:doc ! ed:event-date(tei:TEI))"/>
    <xsl:variable name="listed" select="$persons//(tei:place | tei:org) ! ed:forms(.)"/>
    <ed:volume id="{$volume}" title="{$volume-title}" documents="{count(ed:doc)}"
               from="{$dates[1]}" to="{$dates[last()]}"
               corrections="{count(ed:doc/tei:TEI ! ed:corrections(.))}"
               others="{count(distinct-values(//ed:name[not(@ref)][not(@form = $listed)]/@form))}">
      <xsl:for-each select="distinct-values(ed:doc/tei:TEI/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident)">
        <ed:lang ident="{.}"/>
      </xsl:for-each>
      <xsl:for-each select="$persons//tei:person">
        <xsl:variable name="docs" select="count(key('ed:mentions', 'persons.xml#' || @xml:id, $root)/..)"/>
        <xsl:if test="$docs"><ed:named ref="persons.xml#{@xml:id}" documents="{$docs}"/></xsl:if>
      </xsl:for-each>
      <xsl:for-each select="$persons//(tei:place | tei:org)">
        <xsl:variable name="docs" select="count(ed:named(., $root)/..)"/>
        <xsl:if test="$docs"><ed:named ref="places.xml#{@xml:id}" documents="{$docs}"/></xsl:if>
      </xsl:for-each>
      <xsl:for-each select="distinct-values($persons//(tei:placeName | tei:orgName)[@type = 'abbreviation'] ! normalize-space())">
        <xsl:variable name="docs" select="count(key('ed:names', ., $root)/..)"/>
        <xsl:if test="$docs"><ed:abbr form="{.}" documents="{$docs}"/></xsl:if>
      </xsl:for-each>
    </ed:volume>
  </xsl:template>

  <!-- The edition's own pages when it is divided into volumes, from what each volume
       named (page "volume-summary"): the volumes, and for each entry of a register the volumes
       that name it, linked to the entry in the volume's own register. -->
  <xsl:key name="ed:volumes-naming" match="ed:volume/ed:named" use="@ref"/>
  <xsl:key name="ed:volumes-using" match="ed:volume/ed:abbr" use="@form"/>

  <xsl:template match="/ed:edition[ed:volume]" priority="1">
    <xsl:choose>
      <xsl:when test="$page = 'persons'"><xsl:call-template name="ed:series-persons"/></xsl:when>
      <xsl:when test="$page = 'places'"><xsl:call-template name="ed:series-places"/></xsl:when>
      <xsl:when test="$page = 'abbreviations'"><xsl:call-template name="ed:series-abbreviations"/></xsl:when>
      <xsl:when test="$page = 'errata'"><xsl:call-template name="ed:series-errata"/></xsl:when>
      <xsl:when test="$page = 'search'"><xsl:call-template name="ed:search-page"/></xsl:when>
      <xsl:when test="$page = 'method'"><xsl:call-template name="ed:method-page"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="ed:series-index"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ed:series-index">
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="$edition-title"/>
      <xsl:with-param name="content" as="element()*">
        <h1><xsl:value-of select="$edition-title"/></h1>
        <xsl:if test="$edition-subtitle"><p class="subtitle"><xsl:value-of select="$edition-subtitle"/></p></xsl:if>
        <table class="volumes">
          <caption>Volumes</caption>
          <thead><tr><th scope="col">Volume</th><th scope="col">Dates</th><th scope="col">Documents</th></tr></thead>
          <tbody>
            <xsl:for-each select="ed:volume">
              <tr>
                <td><a href="{ed:volume-page(@id, 'index')}"><xsl:value-of select="@title"/></a></td>
                <td><xsl:if test="@from != ''"><xsl:value-of select="string-join(distinct-values((@from, @to) ! ed:date-label(.)), ' – ')"/></xsl:if></td>
                <td><xsl:value-of select="@documents"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The volumes naming an entry: each linked to the entry in its own register. -->
  <xsl:template name="ed:named-in">
    <xsl:param name="found" as="element()*"/>
    <xsl:param name="page" as="xs:string"/>
    <xsl:param name="anchor" as="xs:string"/>
    <ul class="occurrences">
      <xsl:for-each select="$found">
        <li><a href="{ed:volume-page(../@id, $page)}#{$anchor}"><xsl:value-of select="../@title"/></a>
          <xsl:value-of select="' (' || @documents || (if (@documents = '1') then ' document)' else ' documents)')"/></li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template name="ed:series-persons">
    <xsl:variable name="root" select="root()"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="'Persons — ' || $edition-title"/>
      <xsl:with-param name="content" as="element()*">
        <h1>Persons</h1>
        <p class="register-intro">Everyone the documents name, by surname, with the forms of the name they use and the volumes naming them; each volume's register gives the documents and paragraphs.</p>
        <xsl:for-each select="$persons//tei:person">
          <xsl:sort select="ed:register-name(.)" lang="en"/>
          <section class="person" id="{@xml:id}" aria-labelledby="{@xml:id}-h">
            <h2 id="{@xml:id}-h">
              <xsl:value-of select="ed:register-name(.)"/>
              <xsl:if test="ed:lifespan(.)"><span class="lifespan"> (<xsl:value-of select="ed:lifespan(.)"/>)</span></xsl:if>
            </h2>
            <xsl:for-each select="tei:note"><p><xsl:value-of select="."/></p></xsl:for-each>
            <p class="variants">Named as: <xsl:value-of select="string-join(distinct-values(tei:persName ! normalize-space()), '; ')"/></p>
            <xsl:call-template name="ed:named-in">
              <xsl:with-param name="found" select="key('ed:volumes-naming', 'persons.xml#' || @xml:id, $root)"/>
              <xsl:with-param name="page" select="'persons'"/>
              <xsl:with-param name="anchor" select="string(@xml:id)"/>
            </xsl:call-template>
          </section>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="ed:series-places">
    <xsl:variable name="root" select="root()"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="'Places and bodies — ' || $edition-title"/>
      <xsl:with-param name="content" as="element()*">
        <h1>Places and bodies</h1>
        <p class="register-intro">The places, governments and organisations the documents name, with the forms of the name they use and the volumes naming them; each volume's register gives the documents and paragraphs. Abbreviations are also <a href="abbreviations.html">listed on their own</a>.</p>
        <xsl:for-each select="('place', 'org')">
          <xsl:variable name="kind" select="."/>
          <section class="register" aria-labelledby="{$kind}-h">
            <h2 id="{$kind}-h"><xsl:value-of select="if ($kind = 'place') then 'Places' else 'Governments and organisations'"/></h2>
            <xsl:for-each select="$persons//*[local-name() = $kind][key('ed:volumes-naming', 'places.xml#' || @xml:id, $root)]">
              <xsl:sort select="ed:forms(.)[1]" lang="en"/>
              <section class="entry" id="{@xml:id}" aria-labelledby="{@xml:id}-h">
                <h3 id="{@xml:id}-h"><xsl:value-of select="ed:forms(.)[1]"/></h3>
                <xsl:for-each select="tei:note"><p><xsl:value-of select="."/></p></xsl:for-each>
                <p class="variants">Named as: <xsl:value-of select="string-join(ed:forms(.), '; ')"/></p>
                <xsl:call-template name="ed:named-in">
                  <xsl:with-param name="found" select="key('ed:volumes-naming', 'places.xml#' || @xml:id, $root)"/>
                  <xsl:with-param name="page" select="'places'"/>
                  <xsl:with-param name="anchor" select="string(@xml:id)"/>
                </xsl:call-template>
              </section>
            </xsl:for-each>
          </section>
        </xsl:for-each>
        <xsl:if test="ed:volume[@others != '0']">
          <section class="register" aria-labelledby="other-h">
            <h2 id="other-h">Other names</h2>
            <p>Tagged in the documents, not yet described in the edition's list of places and bodies: each volume's register lists them.</p>
            <ul class="occurrences">
              <xsl:for-each select="ed:volume[@others != '0']">
                <li><a href="{ed:volume-page(@id, 'places')}#other-h"><xsl:value-of select="@title"/></a>
                  <xsl:value-of select="' (' || @others || (if (@others = '1') then ' name)' else ' names)')"/></li>
              </xsl:for-each>
            </ul>
          </section>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="ed:series-abbreviations">
    <xsl:variable name="root" select="root()"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="'Abbreviations — ' || $edition-title"/>
      <xsl:with-param name="content" as="element()*">
        <h1>Abbreviations</h1>
        <dl class="abbreviations">
          <xsl:for-each select="$persons//(tei:placeName | tei:orgName)[@type = 'abbreviation']">
            <xsl:sort select="normalize-space()" lang="en"/>
            <xsl:variable name="entry" select=".."/>
            <xsl:variable name="anchor" select="'abbr-' || $entry/@xml:id || '-' || count(preceding-sibling::*)"/>
            <dt id="{$anchor}"><abbr title="{ed:forms($entry)[1]}"><xsl:value-of select="normalize-space()"/></abbr></dt>
            <dd>
              <xsl:call-template name="ed:entry-link">
                <xsl:with-param name="entry" select="$entry"/>
                <xsl:with-param name="listed" select="exists(key('ed:volumes-naming', 'places.xml#' || $entry/@xml:id, $root))"/>
                <xsl:with-param name="page" select="'places.html'"/>
              </xsl:call-template>
              <xsl:for-each select="$entry/tei:note"><xsl:value-of select="'. ' || normalize-space()"/></xsl:for-each>
              <xsl:call-template name="ed:named-in">
                <xsl:with-param name="found" select="key('ed:volumes-using', normalize-space(), $root)"/>
                <xsl:with-param name="page" select="'abbreviations'"/>
                <xsl:with-param name="anchor" select="$anchor"/>
              </xsl:call-template>
            </dd>
          </xsl:for-each>
        </dl>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="ed:series-errata">
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="'Errata — ' || $edition-title"/>
      <xsl:with-param name="content" as="element()*">
        <h1>Errata</h1>
        <p>Every correction made to the edition's text after it was received, with who made it, when and why, is listed in the errata of its volume. The diplomatic view of each document shows the text as received.</p>
        <xsl:variable name="corrected" select="ed:volume[@corrections != '0']"/>
        <xsl:if test="empty($corrected)"><p>No corrections yet.</p></xsl:if>
        <xsl:if test="$corrected">
          <ul class="occurrences">
            <xsl:for-each select="$corrected">
              <li><a href="{ed:volume-page(@id, 'errata')}"><xsl:value-of select="@title"/></a>
                <xsl:value-of select="' (' || @corrections || (if (@corrections = '1') then ' correction)' else ' corrections)')"/></li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Each document's place in the edition, in the order of the index: number, previous,
       contents, next. The build puts each into its document's page (the ed:nav comments),
       so that a page is not made again when only its neighbours change. -->
  <xsl:template name="ed:navigation">
    <xsl:variable name="docs" as="element(ed:doc)*">
      <xsl:perform-sort select="ed:doc"><xsl:sort select="ed:event-date(tei:TEI)"/></xsl:perform-sort>
    </xsl:variable>
    <div>
      <xsl:for-each select="$docs">
        <xsl:variable name="i" select="position()"/>
        <xsl:comment select="'ed:nav ' || substring-before(@href, '.html')"/>
        <nav class="doc-nav" aria-label="Documents of the edition">
          <span class="doc-number">Document <xsl:value-of select="$i"/> of <xsl:value-of select="count($docs)"/><xsl:value-of select="$volume-title[$volume] ! (' in ' || .)"/></span>
          <xsl:for-each select="$docs[$i - 1]">
            <a rel="prev" href="{@href}" title="{ed:title(tei:TEI)}">‹ Previous<span class="visually-hidden">: <xsl:value-of select="ed:title(tei:TEI)"/></span></a>
          </xsl:for-each>
          <a href="{ed:volume-page($volume, 'index')}">Contents</a>
          <xsl:for-each select="$docs[$i + 1]">
            <a rel="next" href="{@href}" title="{ed:title(tei:TEI)}">Next<span class="visually-hidden">: <xsl:value-of select="ed:title(tei:TEI)"/></span> ›</a>
          </xsl:for-each>
        </nav>
      </xsl:for-each>
    </div>
  </xsl:template>

  <xsl:template name="ed:index-page">
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="$ed:scope"/>
      <xsl:with-param name="content" as="element()*">
        <xsl:choose>
          <xsl:when test="$volume">
            <h1><xsl:value-of select="$volume-title"/></h1>
            <xsl:call-template name="ed:volume-nav"/>
          </xsl:when>
          <xsl:otherwise>
            <h1><xsl:value-of select="$edition-title"/></h1>
            <xsl:if test="$edition-subtitle"><p class="subtitle"><xsl:value-of select="$edition-subtitle"/></p></xsl:if>
          </xsl:otherwise>
        </xsl:choose>
        <table class="documents">
          <caption>Documents in date order</caption>
          <thead><tr><th scope="col">Date</th><th scope="col">Document</th><th scope="col">From</th><th scope="col">To, or participants</th><th scope="col">Summary</th></tr></thead>
          <tbody>
            <xsl:for-each select="ed:doc">
              <xsl:sort select="ed:event-date(tei:TEI)"/>
              <tr>
                <td><time datetime="{ed:event-date(tei:TEI)}"><xsl:value-of select="ed:date-label(ed:event-date(tei:TEI))"/></time>
                  <xsl:if test="ed:event-date(tei:TEI) ne ed:date(tei:TEI)">
                    <span class="dispatched"> (conversation; dispatched <xsl:value-of select="ed:date-label(ed:date(tei:TEI))"/>)</span>
                  </xsl:if></td>
                <td><a href="{@href}"><xsl:value-of select="ed:title(tei:TEI)"/></a></td>
                <td><xsl:value-of select="ed:sender(tei:TEI)"/></td>
                <td><xsl:value-of select="if (@speakers) then string-join(tokenize(@speakers) ! ed:person-name(., .), ', ') else string(@to)"/></td>
                <td>
                  <xsl:choose>
                    <xsl:when test="ed:summary(tei:TEI)"><xsl:value-of select="ed:summary(tei:TEI)"/></xsl:when>
                    <xsl:when test="@first">
                      <span class="first-sentence"><span class="label">The text begins: </span>“<xsl:value-of select="@first"/>”</span>
                    </xsl:when>
                  </xsl:choose>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The corrections of one document: where, before and after, who, when, why. -->
  <xsl:template name="ed:errata-rows">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="page" as="xs:string" select="''"/>
    <table class="errata">
      <thead><tr><th scope="col">Where</th><th scope="col">Received</th><th scope="col">Reads</th><th scope="col">By, on</th><th scope="col">Why</th></tr></thead>
      <tbody>
        <xsl:for-each select="ed:errata($tei)">
          <tr>
            <td><a href="{$page}#{?at}"><xsl:value-of select="?where"/></a></td>
            <td><xsl:value-of select="?before"/></td>
            <td><xsl:value-of select="?after"/></td>
            <td><xsl:value-of select="?who || ', ' || ?when"/></td>
            <td><xsl:value-of select="string-join((?kind, ?reason[.]), ': ')"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template name="ed:errata-page">
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="'Errata — ' || $ed:scope"/>
      <xsl:with-param name="content" as="element()*">
        <h1>Errata</h1>
        <xsl:call-template name="ed:volume-nav"/>
        <p>Every correction made to the edition's text after it was received, with who made it, when and why. The diplomatic view of each document shows the text as received.</p>
        <xsl:variable name="docs" select="ed:doc[exists(ed:corrections(tei:TEI))]"/>
        <xsl:if test="empty($docs)"><p>No corrections yet.</p></xsl:if>
        <xsl:for-each select="$docs">
          <xsl:sort select="ed:event-date(tei:TEI)"/>
          <section class="errata">
            <h2><a href="{@href}"><xsl:value-of select="ed:title(tei:TEI)"/></a></h2>
            <xsl:call-template name="ed:errata-rows">
              <xsl:with-param name="tei" select="tei:TEI"/>
              <xsl:with-param name="page" select="string(@href)"/>
            </xsl:call-template>
          </section>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Full-text search (search.js over the index in search/, edition/search.py). The form
       is an ordinary GET form: a search is a link that can be shared. Its document options
       carry what the filters need: the name of the file and the date the index lists. -->
  <xsl:template name="ed:search-page">
    <xsl:variable name="dates" as="xs:string*"
      select="sort((ed:doc ! ed:event-date(tei:TEI), ed:volume/(@from, @to) ! string()))"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="'Search — ' || $edition-title"/>
      <xsl:with-param name="meta" as="element()*"><script src="search.js" defer="defer"></script></xsl:with-param>
      <xsl:with-param name="content" as="element()*">
        <h1>Search</h1>
        <form class="search-form" action="search.html" method="get" role="search" aria-label="Search with filters">
          <p>
            <label for="search-q">Words or names</label>
            <input type="search" id="search-q" name="q"/>
            <button type="submit">Search</button>
          </p>
          <fieldset class="filters">
            <legend>Only in</legend>
            <p>
              <label for="search-doc">Document</label>
              <select id="search-doc" name="doc">
                <option value="">All documents</option>
                <xsl:choose>
                  <!-- Each volume's documents, put here by the build (page "search-options") -->
                  <xsl:when test="ed:volume"><xsl:comment>ed:options</xsl:comment></xsl:when>
                  <xsl:otherwise><xsl:call-template name="ed:search-options"/></xsl:otherwise>
                </xsl:choose>
              </select>
            </p>
            <p>
              <label for="search-from">From</label>
              <input type="date" id="search-from" name="from" min="{$dates[1]}" max="{$dates[last()]}"/>
              <label for="search-to">to</label>
              <input type="date" id="search-to" name="to" min="{$dates[1]}" max="{$dates[last()]}"/>
            </p>
            <p>
              <label for="search-person">Person named</label>
              <select id="search-person" name="person">
                <option value="">Anyone</option>
                <xsl:for-each select="$persons//tei:person">
                  <xsl:sort select="ed:register-name(.)" lang="en"/>
                  <option value="{@xml:id}"><xsl:value-of select="ed:register-name(.)"/></option>
                </xsl:for-each>
              </select>
            </p>
            <p>
              <label for="search-lang">Language</label>
              <select id="search-lang" name="lang">
                <option value="">Any</option>
                <xsl:for-each select="distinct-values((ed:doc/tei:TEI/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident, ed:volume/ed:lang/@ident))">
                  <xsl:sort select="."/>
                  <option value="{.}"><xsl:value-of select="ed:language-name(.)"/></option>
                </xsl:for-each>
              </select>
            </p>
          </fieldset>
        </form>
        <p id="search-status" role="status">Search runs in the browser: it needs JavaScript, which is off. The <a href="index.html">list of documents</a> and the <a href="persons.html">persons</a> work without it.</p>
        <ol id="search-results" class="search-results"></ol>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The documents a search can be narrowed to, in date order: what search.js shows of
       each (its file, date and title). A volume's are a group of their own. -->
  <xsl:template name="ed:search-options">
    <xsl:variable name="options" as="element()*">
      <xsl:for-each select="ed:doc">
        <xsl:sort select="ed:event-date(tei:TEI)"/>
        <option value="{substring-before(@href, '.html')}" data-date="{ed:event-date(tei:TEI)}"
                data-title="{ed:title(tei:TEI)}" data-label="{ed:date-label(ed:event-date(tei:TEI))}">
          <xsl:value-of select="ed:date-label(ed:event-date(tei:TEI)) || ': ' || ed:title(tei:TEI)"/>
        </option>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$volume"><optgroup label="{$volume-title}"><xsl:sequence select="$options"/></optgroup></xsl:when>
      <xsl:otherwise><xsl:sequence select="$options"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A volume's own pages, linked from each of them. -->
  <xsl:template name="ed:volume-nav">
    <xsl:if test="$volume">
      <xsl:if test="$page != 'index'"><p class="subtitle"><xsl:value-of select="$volume-title"/></p></xsl:if>
      <nav class="volume-nav" aria-label="This volume">
        <xsl:for-each select="('index', 'persons', 'places', 'abbreviations', 'errata')">
          <a href="{ed:volume-page($volume, .)}">
            <xsl:if test="ed:volume-page($volume, .) = $href"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
            <xsl:value-of select="map{'index': 'Contents', 'persons': 'Persons', 'places': 'Places and bodies',
              'abbreviations': 'Abbreviations', 'errata': 'Errata'}(.)"/>
          </a>
        </xsl:for-each>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ed:persons-page">
    <xsl:variable name="root" select="root()"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="'Persons — ' || $ed:scope"/>
      <xsl:with-param name="content" as="element()*">
        <h1>Persons</h1>
        <xsl:call-template name="ed:volume-nav"/>
        <p class="register-intro">Everyone the documents name, by surname: the forms of the name they use, and where each document names them (¶ is a paragraph of the text).</p>
        <xsl:for-each select="$persons//tei:person">
          <xsl:sort select="ed:register-name(.)" lang="en"/>
          <section class="person" id="{@xml:id}" aria-labelledby="{@xml:id}-h">
            <h2 id="{@xml:id}-h">
              <xsl:value-of select="ed:register-name(.)"/>
              <xsl:if test="ed:lifespan(.)"><span class="lifespan"> (<xsl:value-of select="ed:lifespan(.)"/>)</span></xsl:if>
            </h2>
            <xsl:for-each select="tei:note"><p><xsl:value-of select="."/></p></xsl:for-each>
            <p class="variants">Named as: <xsl:value-of select="string-join(distinct-values(tei:persName ! normalize-space()), '; ')"/></p>
            <xsl:call-template name="ed:occurrences">
              <xsl:with-param name="mentions" select="key('ed:mentions', 'persons.xml#' || @xml:id, $root)"/>
            </xsl:call-template>
          </section>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Places and bodies (tei/places.xml), each with the forms the documents use and where
       they use them; a tagged name not listed there is shown too, so that none is lost. -->
  <xsl:template name="ed:places-page">
    <xsl:variable name="root" select="root()"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="'Places and bodies — ' || $ed:scope"/>
      <xsl:with-param name="content" as="element()*">
        <h1>Places and bodies</h1>
        <xsl:call-template name="ed:volume-nav"/>
        <p class="register-intro">The places, governments and organisations the documents name, with the forms of the name they use and where each document names them (¶ is a paragraph of the text). Abbreviations are also <a href="{ed:volume-page($volume, 'abbreviations')}">listed on their own</a>.</p>
        <xsl:for-each select="('place', 'org')">
          <xsl:variable name="kind" select="."/>
          <section class="register" aria-labelledby="{$kind}-h">
            <h2 id="{$kind}-h"><xsl:value-of select="if ($kind = 'place') then 'Places' else 'Governments and organisations'"/></h2>
            <xsl:for-each select="$persons//*[local-name() = $kind][exists(ed:named(., $root))]">
              <xsl:sort select="ed:forms(.)[1]" lang="en"/>
              <section class="entry" id="{@xml:id}" aria-labelledby="{@xml:id}-h">
                <h3 id="{@xml:id}-h"><xsl:value-of select="ed:forms(.)[1]"/></h3>
                <xsl:for-each select="tei:note"><p><xsl:value-of select="."/></p></xsl:for-each>
                <p class="variants">Named as: <xsl:value-of select="string-join(ed:forms(.), '; ')"/></p>
                <xsl:call-template name="ed:occurrences">
                  <xsl:with-param name="mentions" select="ed:named(., $root)"/>
                </xsl:call-template>
              </section>
            </xsl:for-each>
          </section>
        </xsl:for-each>
        <xsl:variable name="listed" select="$persons//(tei:place | tei:org) ! ed:forms(.)"/>
        <xsl:variable name="others" select="//ed:name[not(@ref)][not(@form = $listed)]"/>
        <xsl:if test="$others">
          <section class="register" aria-labelledby="other-h">
            <h2 id="other-h">Other names</h2>
            <p>Tagged in the documents, not yet described in the edition's list of places and bodies.</p>
            <xsl:for-each-group select="$others" group-by="@form">
              <xsl:sort select="current-grouping-key()" lang="en"/>
              <section class="entry" aria-labelledby="other-{position()}-h">
                <h3 id="other-{position()}-h"><xsl:value-of select="current-grouping-key()"/></h3>
                <xsl:call-template name="ed:occurrences"><xsl:with-param name="mentions" select="current-group()"/></xsl:call-template>
              </section>
            </xsl:for-each-group>
          </section>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="ed:method-page">
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="'How to read this edition — ' || $edition-title"/>
      <xsl:with-param name="content" as="element()*">
        <h1>How to read this edition</h1>
        <xsl:for-each-group select="$ed:method" group-by="?part">
          <section aria-labelledby="method-{position()}">
            <h2 id="method-{position()}"><xsl:value-of select="current-grouping-key()"/></h2>
            <dl class="method">
              <xsl:for-each select="current-group()">
                <dt><xsl:value-of select="?sign"/></dt>
                <dd><xsl:value-of select="?says"/></dd>
              </xsl:for-each>
            </dl>
          </section>
        </xsl:for-each-group>
        <section aria-labelledby="method-views">
          <h2 id="method-views">Two views</h2>
          <p>Each document page shows the reading view, with the editors’ supplements and corrections in place; the diplomatic view shows the text as transcribed, brackets and errors included. The choice is at the top of the text and works without JavaScript.</p>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Every abbreviation of tei/places.xml, explained once, with where it is used. -->
  <xsl:template name="ed:abbreviations-page">
    <xsl:variable name="root" select="root()"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="'Abbreviations — ' || $ed:scope"/>
      <xsl:with-param name="content" as="element()*">
        <h1>Abbreviations</h1>
        <xsl:call-template name="ed:volume-nav"/>
        <dl class="abbreviations">
          <xsl:for-each select="$persons//(tei:placeName | tei:orgName)[@type = 'abbreviation']">
            <xsl:sort select="normalize-space()" lang="en"/>
            <xsl:variable name="entry" select=".."/>
            <dt id="abbr-{$entry/@xml:id}-{count(preceding-sibling::*)}"><abbr title="{ed:forms($entry)[1]}"><xsl:value-of select="normalize-space()"/></abbr></dt>
            <dd>
              <xsl:call-template name="ed:entry-link">
                <xsl:with-param name="entry" select="$entry"/>
                <xsl:with-param name="listed" select="exists(ed:named($entry, $root))"/>
                <xsl:with-param name="page" select="ed:volume-page($volume, 'places')"/>
              </xsl:call-template>
              <xsl:for-each select="$entry/tei:note"><xsl:value-of select="'. ' || normalize-space()"/></xsl:for-each>
              <xsl:call-template name="ed:occurrences">
                <xsl:with-param name="mentions" select="key('ed:names', normalize-space(), $root)"/>
              </xsl:call-template>
            </dd>
          </xsl:for-each>
        </dl>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- An abbreviation's expansion, linked to its entry where the register of places and
       bodies lists it (one named in the documents). -->
  <xsl:template name="ed:entry-link">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="listed" as="xs:boolean"/>
    <xsl:param name="page" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="$listed"><a href="{$page}#{$entry/@xml:id}"><xsl:value-of select="ed:forms($entry)[1]"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="ed:forms($entry)[1]"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Where a register's entry is named: each document (by date and title) and, in it,
       each paragraph by its label, linked. -->
  <xsl:template name="ed:occurrences">
    <xsl:param name="mentions" as="element()*"/>
    <ul class="occurrences">
      <xsl:for-each-group select="$mentions" group-by="ancestor::ed:doc/@href">
        <xsl:sort select="ed:event-date(current-group()[1]/../tei:TEI)"/>
        <xsl:variable name="doc" select="current-grouping-key()"/>
        <xsl:variable name="tei" select="current-group()[1]/../tei:TEI"/>
        <li>
          <a href="{$doc}"><xsl:value-of select="ed:date-label(ed:event-date($tei)) || ', ' || ed:title($tei)"/></a>
          <xsl:text>: </xsl:text>
          <xsl:for-each-group select="current-group()" group-by="(@n[.], 'text')[1]">
            <a href="{$doc}#{current-group()[1]/@at}"><xsl:value-of select="current-grouping-key()"/></a>
            <xsl:if test="position() ne last()">, </xsl:if>
          </xsl:for-each-group>
        </li>
      </xsl:for-each-group>
    </ul>
  </xsl:template>
</xsl:stylesheet>
