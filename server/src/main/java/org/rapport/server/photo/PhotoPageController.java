package org.rapport.server.photo;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.rapport.server.account.MemberPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.rapport.server.web.PageController;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Profile photos on the pages (issue 18): the photo form of the profile edit page. */
@PageController
class PhotoPageController {

    private final PhotoService photos;

    PhotoPageController(PhotoService photos) {
        this.photos = photos;
    }

    @PostMapping("/profile/photo")
    String upload(@AuthenticationPrincipal MemberPrincipal me,
                  @RequestParam(name = "photo", required = false) MultipartFile photo, RedirectAttributes redirect) {
        if (photo == null || photo.isEmpty()) {
            redirect.addFlashAttribute("photoError", "Choose a photo to upload first.");
            return "redirect:/profile/edit";
        }
        try {
            photos.checkSize(photo.getSize());
            photos.upload(me.memberId(), photo.getBytes());
        } catch (PhotoRejectedException e) {
            redirect.addFlashAttribute("photoError", e.detail());
            return "redirect:/profile/edit";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        redirect.addFlashAttribute("flash", "Your photo is saved.");
        return "redirect:/profile/edit";
    }

    @PostMapping("/profile/photo/delete")
    String delete(@AuthenticationPrincipal MemberPrincipal me, RedirectAttributes redirect) {
        redirect.addFlashAttribute("flash", photos.delete(me.memberId())
                ? "Your photo is removed; your initials show instead." : "You have no photo.");
        return "redirect:/profile/edit";
    }
}
