<?xml version="1.0" encoding="UTF-8"?>
<!--
  The plain-text edition: UTF-8, wrapped at 72 columns, a metadata header, speaker turns as
  "NAME: text", footnotes as numbered endnotes, and every editorial intervention restored
  in the bracket conventions of the transcription (docs/OUTPUTS.md lists them).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="width" as="xs:integer" select="72"/>
  <xsl:variable name="NL" as="xs:string" select="'&#10;'"/>
  <xsl:variable name="LB" as="xs:string" select="'&#x2028;'"/>
  <xsl:variable name="pad" as="xs:string" select="'                    '"/>

  <!-- Word wrap at 72 columns; lines after the first start with $indent (0, 2, 4 or 20
       spaces). -->
  <xsl:function name="ed:wrap" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="indent" as="xs:string"/>
    <!-- Literal patterns, so that each is compiled once. -->
    <xsl:variable name="t" select="normalize-space($text)"/>
    <xsl:variable name="lines" select="
      if ($indent eq '') then replace($t, '(.{1,72})(\s+|$)', '$1&#10;')
      else if (string-length($indent) eq 2) then replace($t, '(.{1,70})(\s+|$)', '$1&#10;')
      else if (string-length($indent) eq 4) then replace($t, '(.{1,68})(\s+|$)', '$1&#10;')
      else replace($t, '(.{1,52})(\s+|$)', '$1&#10;')"/>
    <xsl:sequence select="string-join(tokenize(replace($lines, '\n$', ''), '\n'), $NL || $indent)"/>
  </xsl:function>

  <xsl:template match="/tei:TEI">
    <xsl:call-template name="ed:check-params"/>
    <xsl:variable name="title" select="ed:title(.)"/>
    <xsl:value-of select="ed:wrap($title, '') || $NL || replace(substring($title, 1, $width), '.', '=') || $NL || $NL"/>
    <xsl:for-each select="ed:fields(.)">
      <xsl:value-of select="substring(?label || ':' || $pad, 1, 20) || ed:wrap(?value, $pad) || $NL"/>
    </xsl:for-each>
    <xsl:apply-templates select="tei:text/tei:body/tei:div"/>
    <xsl:if test=".//tei:note[@type = 'footnote']">
      <xsl:value-of select="$NL || 'NOTES' || $NL || $NL"/>
      <xsl:for-each select=".//tei:note[@type = 'footnote']">
        <xsl:variable name="body"><xsl:apply-templates/></xsl:variable>
        <xsl:value-of select="ed:wrap('[' || ed:note-number(.) || '] ' || $body, '    ') || $NL || $NL"/>
      </xsl:for-each>
    </xsl:if>
    <xsl:if test="exists(ed:corrections(.))">
      <xsl:value-of select="$NL || 'CORRECTIONS' || $NL || $NL"/>
      <xsl:for-each select="ed:errata(.)">
        <xsl:value-of select="ed:wrap('°' || ?n || ' ' || ?where || ': ' || ed:erratum(.), '    ') || $NL || $NL"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- The blocks of a div come as logical lines, a blank line after each block, and are
       wrapped all at once: one regular expression per div. -->
  <xsl:template match="tei:div">
    <xsl:variable name="label" select="upper-case(ed:div-title(.))"/>
    <xsl:value-of select="$NL || '—— ' || $label || $NL || $NL"/>
    <xsl:variable name="blocks"><xsl:apply-templates/></xsl:variable>
    <xsl:value-of select="replace(string($blocks), '(.{1,72})( |\n|$)', '$1&#10;')"/>
  </xsl:template>

  <!-- A block's text as one logical line per line, spaces normalized. -->
  <xsl:function name="ed:flat" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="string-join(tokenize($text, $LB) ! normalize-space()[. ne ''], $NL) || $NL || $NL"/>
  </xsl:function>

  <!-- Hooks ============================================================================== -->
  <xsl:template name="ed:block">
    <xsl:variable name="body"><xsl:apply-templates/></xsl:variable>
    <xsl:value-of select="ed:flat($body)"/>
  </xsl:template>

  <xsl:template name="ed:turn">
    <xsl:variable name="label" select="replace(normalize-space(string-join((tei:speaker | tei:stage)//text(), '')), '[.:]$', '')"/>
    <xsl:variable name="said" select="* except (tei:speaker | tei:stage)"/>
    <xsl:variable name="first"><xsl:apply-templates select="$said[1]/node()"/></xsl:variable>
    <xsl:value-of select="ed:flat($label || ': ' || $first)"/>
    <xsl:apply-templates select="$said[position() gt 1]"/>
  </xsl:template>

  <xsl:template name="ed:quote"><xsl:apply-templates/></xsl:template>

  <xsl:template name="ed:note">
    <xsl:variable name="body"><xsl:apply-templates/></xsl:variable>
    <xsl:choose>
      <xsl:when test="@type = 'footnote'"><xsl:value-of select="'[' || ed:note-number(.) || ']'"/></xsl:when>
      <xsl:when test="not(ed:in-line(.))">
        <xsl:value-of select="ed:flat(if (ed:note-label(.)) then '[' || ed:note-label(.) || $body || ']' else $body)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="'[' || ed:note-label(.) || $body || ']'"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ed:mark">
    <xsl:param name="reading" as="item()*"/>
    <xsl:param name="diplomatic" as="item()*"/>
    <xsl:sequence select="if (self::tei:choice) then ($reading, ed:corr-marker(.)) else $diplomatic"/>
  </xsl:template>

  <xsl:template name="ed:break">
    <xsl:value-of select="if (self::tei:lb) then $LB else ed:pb-space(.) || '‖' || ed:pb-space(.)"/>
  </xsl:template>

  <xsl:template name="ed:name"><xsl:apply-templates/></xsl:template>

  <!-- *italic*, **bold**, ^superscript, as the transcriptions write them. -->
  <xsl:template name="ed:emph">
    <xsl:variable name="mark" select="map { 'italic': '*', 'foreign': '', 'bold': '**', 'superscript': '' }(ed:emphasis(.))"/>
    <xsl:value-of select="if (ed:emphasis(.) = 'superscript') then '^' else $mark"/>
    <xsl:apply-templates/>
    <xsl:value-of select="$mark"/>
  </xsl:template>

  <xsl:template name="ed:list">
    <xsl:variable name="items" as="xs:string*">
      <xsl:for-each select="tei:item">
        <xsl:variable name="body"><xsl:apply-templates select="."/></xsl:variable>
        <xsl:sequence select="'- ' || normalize-space($body)"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:value-of select="string-join($items, $NL) || $NL || $NL"/>
  </xsl:template>

  <xsl:template name="ed:top">
    <xsl:variable name="body"><xsl:apply-templates/></xsl:variable>
    <xsl:choose>
      <xsl:when test="self::tei:head | self::tei:opener | self::tei:closer | self::tei:postscript">
        <xsl:value-of select="ed:flat($body)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$body"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
