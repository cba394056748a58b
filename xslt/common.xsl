<?xml version="1.0" encoding="UTF-8"?>
<!--
  What every output shares: parameters, metadata, names, dates, note numbers, and what each
  editorial intervention means. Each output (html.xsl, print.xsl, text.xsl) imports this
  file and decides how things look by implementing the hooks named below:

    ed:block      a paragraph-like block (p, ab)          ed:turn     a speaker turn (sp)
    ed:quote      a quotation (said)                      ed:note     a note at its place
    ed:mark       an editorial intervention, given its reading and diplomatic forms
    ed:break      a page or line break                    ed:name     persName, placeName, orgName
    ed:emph       hi and foreign                          ed:top      head, opener, closer parts
    ed:list       list (item by item)
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:edition"
    exclude-result-prefixes="#all">

  <!-- Parameters an edition sets in its edition.toml (some also as options of edition
       build: title, base-url, view, suggest-to). -->
  <!-- The edition's title, on every page, in citations and on the PDF title page. -->
  <xsl:param name="edition-title" as="xs:string" select="'Untitled edition'"/>
  <!-- A line under the title on the index page and the volume's title page. -->
  <xsl:param name="edition-subtitle" as="xs:string" select="''"/>
  <!-- Who publishes the edition, and under what licence (its URL, if http(s), is a link). -->
  <xsl:param name="publisher" as="xs:string" select="''"/>
  <xsl:param name="licence" as="xs:string" select="''"/>
  <xsl:param name="licence-url" as="xs:string" select="''"/>
  <!-- The URL where the HTML edition is published; used in citations ("" = relative). -->
  <xsl:param name="base-url" as="xs:string" select="''"/>
  <!-- The view a reader sees first: "reading" (editorial) or "diplomatic" (as transcribed). -->
  <xsl:param name="default-view" as="xs:string" select="'reading'"/>
  <!-- Where readers send a suggested correction: a mailto: address or an http(s) URL of
       an issue form ("" = copy to the clipboard only). -->
  <xsl:param name="suggest-to" as="xs:string" select="''"/>
  <!-- The personography (tei/persons.xml), supplied by the build. -->
  <xsl:param name="persons" as="document-node()?" select="()"/>

  <!-- The page being made, set by the build: the document's file name (x.html). -->
  <xsl:param name="href" as="xs:string" select="''"/>

  <!-- The volume being made, when the edition is divided into volumes (edition.toml): its
       id and title. An edition of one volume has none: its pages are the edition's. -->
  <xsl:param name="volume" as="xs:string" select="''"/>
  <xsl:param name="volume-title" as="xs:string" select="''"/>

  <!-- The file of one of a volume's pages ("index", "persons", "places", "abbreviations",
       "errata"): ID.html, ID-persons.html ...; those of the edition when $volume-id is "".
       The build names the files it writes the same way (build.page_file). -->
  <xsl:function name="ed:volume-page" as="xs:string">
    <xsl:param name="volume-id" as="xs:string"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="if ($volume-id = '') then $name || '.html'
      else $volume-id || (if ($name = 'index') then '' else '-' || $name) || '.html'"/>
  </xsl:function>

  <xsl:variable name="views" as="xs:string+" select="('reading', 'diplomatic')"/>

  <!-- Every element must have a rendering: one without a template stops the build. -->
  <xsl:mode on-no-match="fail"/>
  <xsl:strip-space elements="tei:TEI tei:text tei:body tei:div tei:sp tei:said tei:list tei:postscript
                             tei:address tei:choice"/>
  <xsl:template match="document-node()"><xsl:apply-templates select="*"/></xsl:template>
  <xsl:template match="text()"><xsl:value-of select="."/></xsl:template>
  <!-- Comments and processing instructions in a TEI file are the encoder's, not the text. -->
  <xsl:template match="comment() | processing-instruction()" mode="#all"/>

  <xsl:template name="ed:check-params">
    <xsl:if test="not($default-view = $views)">
      <xsl:message terminate="yes" error-code="ed:param">default-view must be one of
        <xsl:value-of select="string-join($views, ', ')"/>, not "<xsl:value-of select="$default-view"/>"</xsl:message>
    </xsl:if>
  </xsl:template>

  <!-- Metadata ===================================================================== -->
  <xsl:function name="ed:title" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="normalize-space($tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[1])"/>
  </xsl:function>

  <xsl:function name="ed:date" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="string($tei/tei:teiHeader/tei:profileDesc/tei:creation/tei:date/@when)"/>
  </xsl:function>

  <!-- The date a document is listed and ordered by: that of the conversation it records
       when its dateline gives one apart from its own date (a record dispatched weeks later
       belongs where the conversation took place, as FRUS arranges such records), else its
       own date. The file name keeps the document's own date, as the archive cites it. A
       summary for the edition pages carries the conversation's date on its ed:doc. -->
  <xsl:function name="ed:event-date" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="(($tei/tei:text//tei:dateline/tei:date[@type = 'conversation'])[1]/@when ! string(),
                           $tei/parent::ed:doc/@conversation ! string(), ed:date($tei))[1]"/>
  </xsl:function>

  <!-- "dispatch" when the document's date is that of its dispatch, a conversation it
       records having another (date[@type = 'conversation'] in its dateline). -->
  <xsl:function name="ed:date-type" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="string($tei/tei:teiHeader/tei:profileDesc/tei:creation/tei:date/@type)"/>
  </xsl:function>

  <xsl:function name="ed:sender" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="author" select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author/tei:persName"/>
    <xsl:sequence select="if ($author) then ed:person-name($author[1]/@ref, string($author[1])) else ''"/>
  </xsl:function>

  <xsl:function name="ed:translators" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader//tei:respStmt[tei:resp = 'translation']/tei:persName ! normalize-space(.)"/>
  </xsl:function>

  <xsl:function name="ed:editor" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="normalize-space($tei/tei:teiHeader//tei:respStmt[@xml:id = 'ed']/tei:name)"/>
  </xsl:function>

  <xsl:function name="ed:summary" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="normalize-space(string-join($tei/tei:teiHeader/tei:profileDesc/tei:abstract, ' '))"/>
  </xsl:function>

  <xsl:function name="ed:citation" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="bibl" select="$tei/tei:teiHeader//tei:sourceDesc/tei:bibl[1]"/>
    <xsl:sequence select="normalize-space(string-join($bibl//text()[not(ancestor::tei:note)], ''))"/>
  </xsl:function>

  <xsl:function name="ed:repository" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="normalize-space($tei/tei:teiHeader//tei:msIdentifier/tei:repository)"/>
  </xsl:function>

  <xsl:function name="ed:shelfmark" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="normalize-space($tei/tei:teiHeader//tei:msIdentifier/tei:idno)"/>
  </xsl:function>

  <xsl:function name="ed:languages" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="string-join($tei/tei:teiHeader//tei:langUsage/tei:language ! normalize-space(), ', ')"/>
  </xsl:function>

  <xsl:function name="ed:language-name" as="xs:string">
    <xsl:param name="code" as="xs:string?"/>
    <xsl:sequence select="if ($code = 'ru') then 'Russian' else if ($code = 'en') then 'English' else string($code)"/>
  </xsl:function>

  <!-- The source URL, only when it is http(s): nothing else ever becomes a link. -->
  <xsl:function name="ed:source-url" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="ed:safe-url(string(($tei/tei:teiHeader//tei:idno[@type = 'URI'])[1]))"/>
  </xsl:function>

  <xsl:function name="ed:safe-url" as="xs:string">
    <xsl:param name="url" as="xs:string"/>
    <xsl:sequence select="if (matches($url, '^https?://[^\s&quot;&lt;&gt;]+$', 'i')) then $url else ''"/>
  </xsl:function>

  <!-- A mailto: address, or else an http(s) URL; anything else is dropped. -->
  <xsl:function name="ed:safe-contact" as="xs:string">
    <xsl:param name="url" as="xs:string"/>
    <xsl:sequence select="if (matches($url, '^mailto:[\w.+-]+@[\w-]+(\.[\w-]+)+$')) then $url else ed:safe-url($url)"/>
  </xsl:function>

  <!-- The metadata shown with every document, in order; empty values left out. -->
  <xsl:function name="ed:fields" as="map(xs:string, xs:string)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="(
      map { 'label': if (ed:date-type($tei) = 'dispatch') then 'Dispatched' else 'Date',
            'value': ed:date-label(ed:date($tei)) },
      map { 'label': 'Conversation', 'value':
            if (ed:event-date($tei) ne ed:date($tei)) then ed:date-label(ed:event-date($tei)) else '' },
      map { 'label': 'From', 'value': ed:sender($tei) },
      map { 'label': 'Translated by', 'value': string-join(ed:translators($tei), ', ') },
      map { 'label': 'Notes by', 'value': ed:editor($tei) },
      map { 'label': 'Languages', 'value': ed:languages($tei) },
      map { 'label': 'Archive', 'value': ed:repository($tei) },
      map { 'label': 'Archival signature', 'value': ed:shelfmark($tei) },
      map { 'label': 'Citation', 'value': ed:citation($tei) },
      map { 'label': 'Source', 'value': ed:source-url($tei) },
      map { 'label': 'Summary', 'value': ed:summary($tei) },
      map { 'label': 'Credits', 'value': normalize-space(string-join($tei/tei:teiHeader//tei:bibl/tei:note, ' ')) },
      map { 'label': 'Rights', 'value': string-join($tei/tei:teiHeader//tei:availability/* ! normalize-space(), ' ') },
      map { 'label': 'Encoding', 'value': normalize-space($tei/tei:teiHeader//tei:editorialDecl) },
      map { 'label': 'Revisions', 'value': string-join($tei/tei:teiHeader//tei:change[not(@type = 'correction')] !
            (@when || ', ' || ed:who(.) || ': ' || normalize-space(.)), '; ') },
      map { 'label': 'Corrections', 'value': let $n := count(ed:corrections($tei)) return
            if ($n) then $n || ' since the text was received, each listed with the document' else '' }
    )[?value ne '']"/>
  </xsl:function>

  <!-- The name behind a @who or @resp pointer into the header (#importer, #ed, #tr1). -->
  <xsl:function name="ed:who" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="id" select="substring-after(tokenize(string(($el/@who, $el/@resp)[1]), '\s+')[1], '#')"/>
    <!-- Within the element's own document: an edition summary holds many (a search of all
         of them for every change made the errata page quadratic). -->
    <xsl:variable name="target" select="$el/ancestor-or-self::tei:TEI[1]/tei:teiHeader//*[@xml:id = $id]"/>
    <xsl:sequence select="normalize-space(($target/(self::tei:respStmt/(tei:name | tei:persName), self::*[not(self::tei:respStmt)]))[1])"/>
  </xsl:function>

  <!-- Dates ============================================================================ -->
  <xsl:function name="ed:date-label" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:sequence select="
      if (matches($iso, '^\d{4}-\d{2}-\d{2}$') and $iso castable as xs:date)
      then format-date(xs:date($iso), '[D] [MNn] [Y]', 'en', (), ())
      else $iso"/>
  </xsl:function>

  <!-- Persons ========================================================================== -->
  <xsl:function name="ed:person-id" as="xs:string">
    <xsl:param name="ref" as="xs:string?"/>
    <xsl:sequence select="replace(string($ref), '^[^#]*#', '')"/>
  </xsl:function>

  <xsl:key name="ed:person" match="tei:person" use="@xml:id"/>
  <xsl:function name="ed:person-name" as="xs:string">
    <xsl:param name="ref" as="xs:string?"/>
    <xsl:param name="fallback" as="xs:string"/>
    <xsl:variable name="person" select="if (exists($persons)) then key('ed:person', ed:person-id($ref), $persons) else ()"/>
    <xsl:sequence select="if ($person) then normalize-space($person/tei:persName[1]) else normalize-space($fallback)"/>
  </xsl:function>

  <!-- A person as registers list and sort them: "Castro Ruz, Fidel", "Thant, U" where the
       main name is given in parts (surname, forename or roleName), else the main name as
       written. -->
  <xsl:function name="ed:register-name" as="xs:string">
    <xsl:param name="person" as="element(tei:person)"/>
    <xsl:variable name="main" select="($person/tei:persName[@type = 'main'], $person/tei:persName)[1]"/>
    <xsl:sequence select="if ($main/tei:surname)
      then string-join((normalize-space(string-join($main/tei:surname, ' ')),
                        normalize-space(string-join(($main/tei:forename,
                          $main/tei:roleName[empty(../tei:forename)]), ' '))[.]), ', ')
      else normalize-space($main)"/>
  </xsl:function>

  <!-- For a document's heading block, as FRUS gives it: where it was written (a place in
       its dateline), who took part (the speakers of a conversation) and the source note
       (classification, archive, file). -->
  <xsl:function name="ed:place" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="normalize-space(($tei/tei:text//tei:dateline//tei:placeName)[1])"/>
  </xsl:function>

  <xsl:function name="ed:participants" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="distinct-values($tei/tei:text//tei:sp/tokenize(@who) ! ed:person-name(., .))"/>
  </xsl:function>

  <xsl:function name="ed:source-note" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="text" select="($tei/tei:text/tei:body/tei:div[@type = 'translation'], $tei/tei:text/tei:body/tei:div)[1]"/>
    <xsl:variable name="classification" select="normalize-space(($text//tei:stamp[@type = 'classification'])[1])"/>
    <xsl:sequence select="string-join(($classification, ed:repository($tei), ed:shelfmark($tei))[.] ! replace(., '\.$', ''), '. ') || '.'"/>
  </xsl:function>

  <!-- A person's years, where the personography gives them: "1926–2016", "born 1931". -->
  <xsl:function name="ed:lifespan" as="xs:string">
    <xsl:param name="person" as="element(tei:person)"/>
    <xsl:variable name="born" select="substring($person/tei:birth/@when, 1, 4)"/>
    <xsl:variable name="died" select="substring($person/tei:death/@when, 1, 4)"/>
    <xsl:sequence select="if ($born and $died) then $born || '–' || $died
      else if ($born) then 'born ' || $born else if ($died) then 'died ' || $died else ''"/>
  </xsl:function>

  <!-- Edition pages (index, registers, volume) read a summary of the edition that the
       build makes: <ed:edition><ed:doc href id><TEI><teiHeader/></TEI><ed:mention ref at n/>
       <ed:name ref form at n/><ed:corr id at part n/>... One ed:mention per place a person
       is named or speaks; @at is the id of the nearest paragraph, speech or note, @n its
       label for readers (¶ 12). -->
  <xsl:key name="ed:mentions" match="ed:mention" use="@ref"/>
  <!-- One ed:name per place a place or body is named: its @ref to tei/places.xml, and the
       form used (@form). -->
  <xsl:key name="ed:names" match="ed:name" use="@ref, @form"/>

  <!-- Where an entry of tei/places.xml is named: the names pointing to it, and those with
       no pointer written in one of its forms. -->
  <xsl:function name="ed:named" as="element(ed:name)*">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="edition" as="document-node()"/>
    <xsl:sequence select="key('ed:names', 'places.xml#' || $entry/@xml:id, $edition)
      | key('ed:names', ed:forms($entry), $edition)[not(@ref)]"/>
  </xsl:function>

  <!-- The entry of tei/places.xml (place or org) listing the form a name is written in. -->
  <xsl:key name="ed:entries" match="tei:place | tei:org" use="(tei:placeName | tei:orgName) ! normalize-space()"/>
  <xsl:key name="ed:entry" match="tei:place | tei:org" use="@xml:id"/>
  <xsl:function name="ed:entry-of" as="element()?">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="if (empty($persons)) then ()
      else if ($name/@ref) then key('ed:entry', substring-after($name/@ref, 'places.xml#'), $persons)
      else key('ed:entries', normalize-space($name), $persons)
        [local-name() = (if ($name/self::tei:placeName) then 'place' else 'org')][1]"/>
  </xsl:function>

  <!-- The forms of a place's or body's name (tei/places.xml), the main one first. -->
  <xsl:function name="ed:forms" as="xs:string*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="distinct-values(($entry/*[@type = 'main'], $entry/(tei:placeName | tei:orgName)) ! normalize-space())"/>
  </xsl:function>

  <!-- Notes ============================================================================ -->
  <!-- A footnote's number: its @n, or its place among the unnumbered footnotes, counted
       once for the whole document (a count per note would make many notes quadratic). -->
  <xsl:key name="ed:unnumbered" match="tei:note[@type = 'footnote'][not(@n)]" use="'all'"/>
  <xsl:function name="ed:note-number" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="if ($note/@n) then string($note/@n)
      else string(ed:footnote-order(root($note))(generate-id($note)))"/>
  </xsl:function>

  <xsl:function name="ed:footnote-order" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="map:merge(key('ed:unnumbered', 'all', $doc) ! map { generate-id(.): position() })"/>
  </xsl:function>

  <xsl:function name="ed:note-label" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="
      if ($note/@subtype = 'edition') then 'Note of this edition (' || ed:who($note) || '): '
      else if ($note/@type = 'editorial' and $note/@place = 'inline') then 'Ed. note: '
      else ''"/>
  </xsl:function>

  <!-- The editorial method, for readers, once for the edition (method.html and the print
       volume's front matter): each convention of the texts and how the outputs show it.
       A document's own specifics (who translated, who added notes) are in its heading. -->
  <xsl:variable name="ed:method" as="map(xs:string, xs:string)*" select="(
    map { 'part': 'The texts', 'sign': 'As received',
          'says': 'Each document is given as its source gives it: the translation, and the original where the source has it. Nothing is changed silently: every correction made since is marked and listed, with who made it, when and why.' },
    map { 'part': 'The texts', 'sign': 'Original',
          'says': 'The original-language text, where the source gives it, stands before the translation; it may be a fragment, as the source transcribed only part of it. The page says how long it is.' },
    map { 'part': 'Signs in the text', 'sign': '[word]',
          'says': 'Words supplied by the translator, where the original implies them, or explanations by the editor of the source publication. In print and in the diplomatic view they keep their brackets; in the reading view they are shown in colour, and pointing at them (or giving them the focus) says who supplied them.' },
    map { 'part': 'Signs in the text', 'sign': '[term]',
          'says': 'In italics: a word of the original language given by the translator beside the translation.' },
    map { 'part': 'Signs in the text', 'sign': '[?]',
          'says': 'After a word: the reading is uncertain. Standing alone: the source editor doubts the passage.' },
    map { 'part': 'Signs in the text', 'sign': '[signature]',
          'says': 'A signature in the document, not transcribed.' },
    map { 'part': 'Signs in the text', 'sign': '‖',
          'says': 'A page of the original document ends here, within a paragraph.' },
    map { 'part': 'Signs in the text', 'sign': '°',
          'says': 'A reading corrected by this edition (a typing or recognition error, a misattributed speaker, a wrong date). The diplomatic view and the list of corrections show what was received.' },
    map { 'part': 'Signs in the text', 'sign': '¶',
          'says': 'The paragraphs of each text are numbered (¶ 12; the original’s as original ¶ 3). The registers and the search name places by these numbers; each paragraph has its own link.' },
    map { 'part': 'Notes', 'sign': '1, 2, 3',
          'says': 'Numbered notes are those of the source publication. Notes marked “Ed. note” are its editor’s; notes marked “Note of this edition” are ours, with their author.' },
    map { 'part': 'Order and dates', 'sign': 'Date',
          'says': 'Documents are in the order of the events they record: a record of a conversation is listed by the date of the conversation, with the date it was sent beside it.' },
    map { 'part': 'Names', 'sign': 'Registers',
          'says': 'Persons, places, governments and organisations are tagged wherever the texts name them, in whatever form or language, and listed in the registers with every form used. Abbreviations are explained in their own list.' }
  )"/>

  <!-- Editorial interventions: their source notation and what they mean =============== -->
  <xsl:function name="ed:responsible" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="who" select="tokenize(string($el/@resp), '\s+')[1]"/>
    <xsl:sequence select="
      if ($who = '#ed') then 'the editor'
      else if (starts-with($who, '#tr')) then 'the translator'
      else 'the editors of this edition'"/>
  </xsl:function>

  <!-- How the transcription closes a bracket of supplied text: "]", "—ed.]", "?—ed.]". -->
  <xsl:function name="ed:close" as="xs:string">
    <xsl:param name="supplied" as="element(tei:supplied)"/>
    <xsl:sequence select="
      if ($supplied/@reason = 'explanation')
      then (if ($supplied/@cert = 'low') then '?' else '') || '—ed.]'
      else ']'"/>
  </xsl:function>

  <!-- Notes standing between blocks (in a div, a turn or a quotation) are blocks; a note
       inside a paragraph, heading, stamp or signature stands in the line, in brackets. -->
  <xsl:function name="ed:in-line" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="$note/@type = 'gloss' or not($note/(parent::tei:div | parent::tei:sp | parent::tei:said))"/>
  </xsl:function>

  <!-- How hi, foreign and term were written: italic, bold, superscript; "foreign" for a
       foreign word the source did not italicize (and for a stage direction). -->
  <xsl:function name="ed:emphasis" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="($el/@rend, 'foreign')[1]"/>
  </xsl:function>

  <!-- The HTML element for each, in the HTML and print outputs. -->
  <xsl:variable name="ed:html-tags" as="map(xs:string, xs:string)"
                select="map { 'italic': 'i', 'foreign': 'i', 'bold': 'b', 'superscript': 'sup' }"/>

  <!-- The heading of a div: "Original (Russian)" or "Translation". -->
  <xsl:function name="ed:div-title" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="if ($div/@type = 'original') then 'Original (' || ed:language-name($div/@xml:lang) || ')' else 'Translation'"/>
  </xsl:function>

  <!-- The space a page break stands for: none inside a word (break="no"), else one on each
       side, so that "signed,<pb/>Bukharin" reads and copies as "signed, ‖ Bukharin"
       (a browser shows two spaces as one). -->
  <xsl:function name="ed:pb-space" as="xs:string">
    <xsl:param name="pb" as="element()"/>
    <xsl:sequence select="if ($pb/@break = 'no') then '' else ' '"/>
  </xsl:function>

  <!-- How long a text is, and whether it breaks off at a page's end (the source gives only
       its first page or pages): "a fragment, breaking off at the end of a page: 274 words". -->
  <xsl:function name="ed:extent" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="words" select="count(tokenize(normalize-space(string-join($div//text()[not(ancestor::tei:note)], ' ')), ' '))"/>
    <xsl:variable name="breaks-off" select="exists(($div//tei:p)[last()]/node()[last()][self::tei:pb])"/>
    <xsl:sequence select="(if ($breaks-off) then 'a fragment, breaking off at the end of a page: ' else '') || $words || ' words'"/>
  </xsl:function>

  <!-- What a gap stands for, as words in brackets. -->
  <xsl:function name="ed:gap-text" as="xs:string">
    <xsl:param name="gap" as="element(tei:gap)"/>
    <xsl:sequence select="if ($gap/@reason = 'signature') then 'signature' else '?'"/>
  </xsl:function>

  <!-- A sentence explaining an intervention, for tooltips and print. -->
  <xsl:function name="ed:explain" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="who" select="ed:responsible($el)"/>
    <xsl:sequence select="
      if ($el/self::tei:supplied[@reason = 'explanation'])
        then 'Explanation by ' || $who || (if ($el/@cert = 'low') then ' (uncertain)' else '')
      else if ($el/self::tei:supplied[@reason = 'omitted'])
        then 'Supplied by ' || $who || ': not in the document'
      else if ($el/self::tei:supplied) then 'Word(s) supplied by ' || $who
      else if ($el/self::tei:gap[@reason = 'signature']) then 'Signature, not transcribed'
      else if ($el/self::tei:gap) then 'Illegible word'
      else if ($el/self::tei:note[@type = 'gloss'][tei:term]) then 'Original Russian term given by ' || $who
      else if ($el/self::tei:note[@type = 'gloss']) then 'Explanation by ' || $who
      else if ($el/self::tei:note[@type = 'query']) then 'A doubt of ' || $who || ' about the reading before it'
      else if ($el/self::tei:note[@subtype = 'edition']) then 'A note of this edition, by ' || ed:who($el)
      else if ($el/self::tei:choice) then ed:correction-note($el)
      else if ($el/self::tei:g) then 'A sign the transcriber could not read'
      else ''"/>
  </xsl:function>

  <!-- Corrections ====================================================================== -->
  <!-- A correction is a choice (sic/corr), or a speaker (sp/@who) or date (date/@when)
       changed; a change[@type = 'correction'] in the revisionDesc records each, with
       seg[@type = 'before' | 'after' | 'reason'] and @target pointing to it. -->
  <xsl:function name="ed:corrections" as="element(tei:change)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:revisionDesc/tei:change[@type = 'correction']"/>
  </xsl:function>

  <xsl:function name="ed:change-of" as="element(tei:change)?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="ed:corrections($tei)[tokenize(@target, '\s+') = '#' || $id][1]"/>
  </xsl:function>

  <!-- Where each correction stands, in the order of the text: maps of id and at (the
       paragraph or turn to link to). From a whole document, or from the ed:corr entries
       of an edition summary. -->
  <xsl:function name="ed:corrected-places" as="map(xs:string, xs:string)*" cache="yes">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="ids" select="ed:corrections($tei)/tokenize(@target, '\s+') ! substring-after(., '#')"/>
    <xsl:sequence select="if ($tei/tei:text)
      then $tei/tei:text//*[@xml:id = $ids] ! map { 'id': string(@xml:id),
             'at': string((if (self::tei:sp) then . else ancestor::*[@xml:id][1])/@xml:id),
             'part': ed:part(.), 'n': ed:paragraph(.) }
      else $tei/../ed:corr ! map { 'id': string(@id), 'at': string(@at), 'part': string(@part),
             'n': string(@n) }"/>
  </xsl:function>

  <!-- The part of a document's top or bottom a correction stands in, where it has no
       paragraph id of its own to name it: opener, head, closer ... -->
  <xsl:function name="ed:part" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if ($el/ancestor::*[@xml:id][1] is $el/ancestor::tei:TEI)
      then string(($el/ancestor::*[self::tei:opener | self::tei:head | self::tei:closer
                   | self::tei:postscript])[last()]/local-name())
      else ''"/>
  </xsl:function>

  <!-- The paragraph an element is in, as readers are told it ("¶ 12"): the labels are
       made by the build (edition/paragraphs.py) and handed over as ed:n. -->
  <xsl:function name="ed:paragraph" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="string($el/ancestor-or-self::*[@ed:n][1]/@ed:n)"/>
  </xsl:function>

  <!-- Where a correction stands, as a reader is told: its paragraph's label, or its part's
       (the build's labels, paragraphs.py). -->
  <xsl:function name="ed:place-label" as="xs:string">
    <xsl:param name="place" as="map(*)"/>
    <xsl:sequence select="($place?n, $place?part, $place?at)[.][1]"/>
  </xsl:function>

  <!-- The marker after a corrected reading in print and plain text: ° and its number in
       the document's list of corrections (docs/OUTPUTS.md). -->
  <xsl:function name="ed:corr-marker" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="'°' || ed:correction-numbers($el/ancestor::tei:TEI)(string($el/@xml:id))"/>
  </xsl:function>

  <xsl:function name="ed:correction-numbers" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="map:merge(ed:corrected-places($tei) ! map { ?id: position() },
                                    map { 'duplicates': 'use-first' })"/>
  </xsl:function>

  <!-- One row per correction, in the order of the text: number, at, kind, who, when, the
       text (or speaker, or date) before and after, and the reason. -->
  <xsl:function name="ed:errata" as="map(xs:string, item())*" cache="yes">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:for-each select="ed:corrected-places($tei)">
      <xsl:variable name="change" select="ed:change-of($tei, ?id)"/>
      <xsl:variable name="kind" select="string($change/@subtype)"/>
      <xsl:sequence select="map {
        'n': position(), 'id': ?id, 'at': ?at, 'part': ?part, 'where': ed:place-label(.), 'kind': $kind,
        'who': ed:who($change),
        'when': string($change/@when),
        'before': ed:corrected-value($kind, $change/tei:seg[@type = 'before']),
        'after': ed:corrected-value($kind, $change/tei:seg[@type = 'after']),
        'reason': normalize-space($change/tei:seg[@type = 'reason']) }"/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="ed:corrected-value" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="value" as="element()?"/>
    <xsl:sequence select="if ($kind = 'attribution') then ed:person-name(string($value), string($value))
      else if ($kind = 'date') then ed:date-label(string($value)) else normalize-space($value)"/>
  </xsl:function>

  <!-- A correction in one sentence: in errata lists, tooltips and print. -->
  <xsl:function name="ed:erratum" as="xs:string">
    <xsl:param name="row" as="map(xs:string, item())"/>
    <xsl:sequence select="(if ($row?kind = 'attribution') then 'Speaker ' else if ($row?kind = 'date') then 'Date ' else '')
      || '“' || $row?before || '” corrected to “' || $row?after || '” by ' || $row?who || ', ' || $row?when
      || ' (' || $row?kind || ')' || (if ($row?reason) then ': ' || $row?reason else '.')"/>
  </xsl:function>

  <xsl:function name="ed:correction-note" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="tei" select="$el/ancestor::tei:TEI"/>
    <xsl:variable name="row" select="ed:errata($tei)[?id = string($el/@xml:id)]"/>
    <xsl:sequence select="if (exists($row)) then ed:erratum($row[1]) else 'Corrected by ' || ed:responsible(($el/tei:corr, $el)[1])"/>
  </xsl:function>

  <!-- Shared element semantics: each calls a hook the output implements ================ -->
  <xsl:template match="tei:p | tei:ab"><xsl:call-template name="ed:block"/></xsl:template>
  <xsl:template match="tei:sp"><xsl:call-template name="ed:turn"/></xsl:template>
  <xsl:template match="tei:said"><xsl:call-template name="ed:quote"/></xsl:template>
  <xsl:template match="tei:note"><xsl:call-template name="ed:note"/></xsl:template>
  <xsl:template match="tei:list"><xsl:call-template name="ed:list"/></xsl:template>
  <xsl:template match="tei:pb | tei:lb"><xsl:call-template name="ed:break"/></xsl:template>
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name">
    <xsl:call-template name="ed:name"/>
  </xsl:template>
  <xsl:template match="tei:hi | tei:foreign | tei:term | tei:stage | tei:body//tei:title[@level]">
    <xsl:call-template name="ed:emph"/>
  </xsl:template>
  <xsl:template match="tei:head | tei:opener | tei:closer | tei:postscript | tei:dateline
                       | tei:signed | tei:address | tei:addrLine | tei:stamp | tei:seg | tei:speaker">
    <xsl:call-template name="ed:top"/>
  </xsl:template>
  <xsl:template match="tei:item"><xsl:apply-templates/></xsl:template>
  <xsl:template match="tei:date | tei:idno | tei:title"><xsl:apply-templates/></xsl:template>

  <!-- Interventions: reading form = what the editors read; diplomatic = as transcribed. -->
  <xsl:template match="tei:supplied | tei:gap | tei:g | tei:choice">
    <xsl:call-template name="ed:mark">
      <xsl:with-param name="reading" as="item()*">
        <xsl:apply-templates select="." mode="ed:reading"/>
      </xsl:with-param>
      <xsl:with-param name="diplomatic" as="item()*">
        <xsl:apply-templates select="." mode="ed:diplomatic"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:mode name="ed:reading" on-no-match="fail"/>
  <xsl:mode name="ed:diplomatic" on-no-match="fail"/>

  <!-- Words the translator or editor supplied read as part of the text in the reading
       view (shown as supplied by the output), in brackets as transcribed otherwise. -->
  <xsl:template match="tei:supplied[@reason = ('implied', 'omitted')]" mode="ed:reading">
    <xsl:apply-templates/>
  </xsl:template>
  <xsl:template match="tei:supplied" mode="ed:reading ed:diplomatic">
    <xsl:text>[</xsl:text>
    <xsl:apply-templates/>
    <xsl:value-of select="ed:close(.)"/>
  </xsl:template>
  <xsl:template match="tei:gap" mode="ed:reading ed:diplomatic">
    <xsl:value-of select="'[' || ed:gap-text(.) || ']'"/>
  </xsl:template>
  <xsl:template match="tei:g" mode="ed:reading ed:diplomatic"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="tei:choice" mode="ed:reading"><xsl:apply-templates select="tei:corr/node()"/></xsl:template>
  <xsl:template match="tei:choice" mode="ed:diplomatic"><xsl:apply-templates select="tei:sic/node()"/></xsl:template>
</xsl:stylesheet>
