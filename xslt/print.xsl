<?xml version="1.0" encoding="UTF-8"?>
<!--
  The print edition: HTML for CSS paged media (print.css), rendered to PDF by WeasyPrint.
  One file per document (match tei:TEI), and the whole-edition volume (match ed:edition):
  title page, table of contents, documents, persons index. Footnotes float to the page
  bottom; running heads carry the document title; interventions keep their brackets.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"/>

  <xsl:template name="ed:frame">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:call-template name="ed:check-params"/>
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="$title"/></title>
        <link rel="stylesheet" href="print.css"/>
      </head>
      <body>
        <xsl:if test="self::ed:edition"><xsl:attribute name="class" select="'volume'"/></xsl:if>
        <xsl:sequence select="$content"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="/tei:TEI">
    <xsl:call-template name="ed:frame">
      <xsl:with-param name="title" select="ed:title(.)"/>
      <xsl:with-param name="content" as="element()*"><xsl:apply-templates select="." mode="ed:document"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:mode name="ed:document" on-no-match="fail"/>

  <!-- One document, its ids prefixed with the document's so that a volume keeps them unique. -->
  <xsl:template match="tei:TEI" mode="ed:document">
    <article class="document" id="{@xml:id}">
      <h1 class="doc-title"><xsl:value-of select="ed:title(.)"/></h1>
      <dl class="metadata">
        <!-- The encoder's statement stays with a document printed alone; the volume gives its
             method once, in front, and leaves it out (print.css). -->
        <xsl:for-each select="ed:fields(.)">
          <dt class="{lower-case(?label) => replace('\W+', '-')}"><xsl:value-of select="?label"/></dt>
          <dd class="{lower-case(?label) => replace('\W+', '-')}"><xsl:value-of select="?value"/></dd>
        </xsl:for-each>
      </dl>
      <xsl:apply-templates select="tei:text/tei:body/tei:div"/>
      <xsl:call-template name="ed:errata-list">
        <xsl:with-param name="tei" select="."/>
        <xsl:with-param name="heading" select="'Corrections'"/>
      </xsl:call-template>
    </article>
  </xsl:template>

  <xsl:function name="ed:id" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="$el/ancestor::tei:TEI/@xml:id || '-' || $el/@xml:id"/>
  </xsl:function>

  <xsl:template match="tei:div">
    <section class="{@type}" lang="{@xml:lang}">
      <h2 lang="en"><xsl:value-of select="ed:div-title(.)"/></h2>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- Hooks ============================================================================== -->
  <xsl:template name="ed:block">
    <p id="{ed:id(.)}" class="{local-name()} {@type}"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template name="ed:turn">
    <div class="sp" id="{ed:id(.)}">
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template name="ed:quote">
    <blockquote class="said" id="{ed:id(.)}"><xsl:apply-templates/></blockquote>
  </xsl:template>

  <xsl:template name="ed:note">
    <xsl:choose>
      <xsl:when test="@type = 'footnote'">
        <span class="footnote" id="{ed:id(.)}"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:when test="ed:in-line(.)">
        <span class="note {@type}">
          <xsl:if test="@xml:id"><xsl:attribute name="id" select="ed:id(.)"/></xsl:if>
          <xsl:value-of select="'[' || ed:note-label(.)"/><xsl:apply-templates/>]</span>
      </xsl:when>
      <xsl:otherwise>
        <aside class="note {@type}" id="{ed:id(.)}">
          <p><xsl:if test="ed:note-label(.)"><span class="label"><xsl:value-of select="ed:note-label(.)"/></span></xsl:if><xsl:apply-templates/></p>
        </aside>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ed:mark">
    <xsl:param name="reading" as="item()*"/>
    <xsl:param name="diplomatic" as="item()*"/>
    <xsl:choose>
      <xsl:when test="self::tei:choice">
        <span class="mark choice" id="{ed:id(.)}"><xsl:sequence select="$reading"/></span>
        <sup class="corr-mark"><xsl:value-of select="ed:corr-marker(.)"/></sup>
      </xsl:when>
      <xsl:otherwise><span class="mark {local-name()} {@reason}"><xsl:sequence select="$diplomatic"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ed:break">
    <xsl:choose>
      <xsl:when test="self::tei:lb"><xsl:text> </xsl:text><br/></xsl:when>
      <xsl:otherwise><xsl:value-of select="ed:pb-space(.)"/><span class="pb">‖</span><xsl:value-of select="ed:pb-space(.)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ed:name"><span class="{local-name()}"><xsl:apply-templates/></span></xsl:template>

  <xsl:template name="ed:emph">
    <xsl:element name="{$ed:html-tags(ed:emphasis(.))}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template name="ed:list">
    <ul id="{ed:id(.)}" class="list {@type}"><xsl:for-each select="tei:item"><li><xsl:apply-templates select="."/></li></xsl:for-each></ul>
  </xsl:template>

  <xsl:template name="ed:top">
    <xsl:choose>
      <xsl:when test="self::tei:head"><h3 class="head {@type}"><xsl:apply-templates/></h3></xsl:when>
      <xsl:when test="self::tei:opener | self::tei:closer | self::tei:postscript">
        <div class="{local-name()}"><xsl:apply-templates/></div>
      </xsl:when>
      <xsl:when test="self::tei:speaker"><span class="speaker"><xsl:apply-templates/></span><xsl:text> </xsl:text></xsl:when>
      <xsl:otherwise><span class="{local-name()} {@type}"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The corrections of one document, as a list; each links to where it stands. -->
  <xsl:template name="ed:errata-list">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="heading" as="xs:string"/>
    <xsl:if test="exists(ed:corrections($tei))">
      <section class="errata">
        <h2><xsl:value-of select="$heading"/></h2>
        <ol class="errata">
          <xsl:for-each select="ed:errata($tei)">
            <li><a href="#{$tei/@xml:id}{if (?part) then '' else '-' || ?at}"><xsl:value-of select="'°' || ?n || ' ' || ?where"/></a>
              <xsl:value-of select="': ' || ed:erratum(.)"/></li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The pages an entry of a register is named on: one reference per paragraph (its
       page number is put in by print.css, target-counter). -->
  <xsl:template name="ed:pagerefs">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:for-each-group select="$mentions" group-by="ancestor::ed:doc/@id || ' ' || @n">
      <xsl:variable name="first" select="current-group()[1]"/>
      <xsl:text> </xsl:text>
      <a class="pageref" href="#{string-join(distinct-values(($first/ancestor::ed:doc/@id, $first/@at)), '-')}"></a>
    </xsl:for-each-group>
  </xsl:template>

  <!-- The volume ========================================================================= -->
  <xsl:template match="/ed:edition">
    <xsl:variable name="root" select="root()"/>
    <xsl:variable name="docs" as="element(tei:TEI)*">
      <xsl:perform-sort select="ed:doc/tei:TEI"><xsl:sort select="ed:event-date(.)"/></xsl:perform-sort>
    </xsl:variable>
    <xsl:call-template name="ed:frame">
      <xsl:with-param name="title" select="string-join(($edition-title, $volume-title[.]), ' — ')"/>
      <xsl:with-param name="content" as="node()*">
        <section class="title-page">
          <h1 class="edition-title"><xsl:value-of select="$edition-title"/></h1>
          <xsl:if test="$volume-title"><p class="volume-title"><xsl:value-of select="$volume-title"/></p></xsl:if>
          <xsl:if test="$edition-subtitle"><p class="subtitle"><xsl:value-of select="$edition-subtitle"/></p></xsl:if>
          <p class="subtitle">A TEI edition of <xsl:value-of select="count($docs)"/> documents<xsl:if test="$publisher">, published by <xsl:value-of select="$publisher"/></xsl:if></p>
          <xsl:if test="$licence"><p class="subtitle"><xsl:value-of select="$licence"/></p></xsl:if>
        </section>
        <nav class="toc" aria-label="Contents">
          <h2>Contents</h2>
          <ol>
            <xsl:for-each select="$docs">
              <li><a href="#{@xml:id}"><xsl:value-of select="ed:date-label(ed:event-date(.)) || ' — ' || ed:title(.)"/></a></li>
            </xsl:for-each>
            <xsl:if test="exists($docs ! ed:corrections(.))"><li><a href="#errata">Errata</a></li></xsl:if>
            <li><a href="#persons">Persons</a></li>
            <li><a href="#places">Places and bodies</a></li>
            <li><a href="#abbreviations">Abbreviations</a></li>
          </ol>
        </nav>
        <section class="method" id="method">
          <h1 class="doc-title">Editorial method</h1>
          <xsl:for-each-group select="$ed:method" group-by="?part">
            <h2><xsl:value-of select="current-grouping-key()"/></h2>
            <dl class="method">
              <xsl:for-each select="current-group()">
                <dt><xsl:value-of select="?sign"/></dt>
                <dd><xsl:value-of select="?says"/></dd>
              </xsl:for-each>
            </dl>
          </xsl:for-each-group>
        </section>
        <!-- Each document's article, as in its own print file, is put here by the build. -->
        <xsl:for-each select="$docs"><div class="ed-document" data-id="{@xml:id}"></div></xsl:for-each>
        <xsl:if test="exists($docs ! ed:corrections(.))">
          <section class="errata-volume" id="errata">
            <h1 class="doc-title">Errata</h1>
            <xsl:for-each select="$docs[exists(ed:corrections(.))]">
              <xsl:call-template name="ed:errata-list">
                <xsl:with-param name="tei" select="."/>
                <xsl:with-param name="heading" select="ed:date-label(ed:event-date(.)) || ' — ' || ed:title(.)"/>
              </xsl:call-template>
            </xsl:for-each>
          </section>
        </xsl:if>
        <section class="persons register" id="persons">
          <h1 class="doc-title">Persons</h1>
          <xsl:for-each select="$persons//tei:person">
            <xsl:sort select="ed:register-name(.)" lang="en"/>
            <p class="entry">
              <b><xsl:value-of select="ed:register-name(.)"/></b>
              <xsl:if test="ed:lifespan(.)"><xsl:value-of select="' (' || ed:lifespan(.) || ')'"/></xsl:if>
              <xsl:call-template name="ed:pagerefs">
                <xsl:with-param name="mentions" select="key('ed:mentions', 'persons.xml#' || @xml:id, $root)"/>
              </xsl:call-template>
            </p>
          </xsl:for-each>
        </section>
        <section class="places register" id="places">
          <h1 class="doc-title">Places and bodies</h1>
          <xsl:for-each select="$persons//(tei:place | tei:org)[exists(ed:named(., $root))]">
            <xsl:sort select="ed:forms(.)[1]" lang="en"/>
            <p class="entry">
              <b><xsl:value-of select="ed:forms(.)[1]"/></b>
              <xsl:call-template name="ed:pagerefs">
                <xsl:with-param name="mentions" select="ed:named(., $root)"/>
              </xsl:call-template>
            </p>
          </xsl:for-each>
        </section>
        <section class="abbreviations register" id="abbreviations">
          <h1 class="doc-title">Abbreviations</h1>
          <dl class="abbreviations">
            <xsl:for-each select="$persons//(tei:placeName | tei:orgName)[@type = 'abbreviation']">
              <xsl:sort select="normalize-space()" lang="en"/>
              <dt><xsl:value-of select="normalize-space()"/></dt>
              <dd><xsl:value-of select="ed:forms(..)[1]"/></dd>
            </xsl:for-each>
          </dl>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
